package dev.tasktrail.archiver;

import dev.tasktrail.archiver.config.ArchiverConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;

/** Compose file, workflow, Dockerfiles and the committed Kubernetes manifest agree with the service. */
class DeploymentFilesTest extends DeploymentFilesContract {

    @Override
    protected Class<?> configMapping() {
        return ArchiverConfig.class;
    }

    @Override
    protected boolean consumesInAGroup() {
        return true;
    }

    @Override
    protected boolean autoscaled() {
        return false;
    }

    // docs/archiver.md: TASK_ARCHIVER_UPLOAD_SHUTDOWN_GRACE (10 s) plus TASK_ARCHIVER_CONSUMER_BLOCK (2 s) plus 5 s.
    @Override
    protected int shutdownSeconds() {
        return 17;
    }
}
