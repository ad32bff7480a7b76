package dev.tasktrail.projector;

import dev.tasktrail.projector.config.ProjectorConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;

/** Compose file, workflow, Dockerfiles and the committed Kubernetes manifest agree with the service. */
class DeploymentFilesTest extends DeploymentFilesContract {

    @Override
    protected Class<?> configMapping() {
        return ProjectorConfig.class;
    }

    @Override
    protected boolean consumesInAGroup() {
        return true;
    }

    @Override
    protected boolean autoscaled() {
        return true;
    }

    // TASK_PROJECTOR_SHUTDOWN_TIMEOUT (10 s) for the batch in flight, after a blocking read of up to 2 s returned.
    @Override
    protected int shutdownSeconds() {
        return 12;
    }
}
