package dev.tasktrail.projector;

import dev.tasktrail.projector.config.ProjectorConfig;
import dev.tasktrail.testing.deploy.OperationsDocContract;

/** docs/operations.md lists every setting of {@link ProjectorConfig} with its default. */
class OperationsDocTest extends OperationsDocContract {

    @Override
    protected Class<?> configMapping() {
        return ProjectorConfig.class;
    }
}
