package dev.tasktrail.publisher;

import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.testing.deploy.OperationsDocContract;

/** docs/operations.md lists every setting of {@link PublisherConfig} with its default. */
class OperationsDocTest extends OperationsDocContract {

    @Override
    protected Class<?> configMapping() {
        return PublisherConfig.class;
    }
}
