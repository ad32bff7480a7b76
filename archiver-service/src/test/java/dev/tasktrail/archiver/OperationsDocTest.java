package dev.tasktrail.archiver;

import dev.tasktrail.archiver.config.ArchiverConfig;
import dev.tasktrail.testing.deploy.OperationsDocContract;

/** docs/operations.md lists every setting of {@link ArchiverConfig} with its default. */
class OperationsDocTest extends OperationsDocContract {

    @Override
    protected Class<?> configMapping() {
        return ArchiverConfig.class;
    }
}
