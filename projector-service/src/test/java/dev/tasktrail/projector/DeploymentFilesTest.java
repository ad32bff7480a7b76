package dev.tasktrail.projector;

import dev.tasktrail.projector.config.ProjectorConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;
import java.util.List;

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

    // The blocking read in progress, then the batch in flight.
    @Override
    protected List<String> shutdownSettings() {
        return List.of("TASK_PROJECTOR_CONSUMER_BLOCK", "TASK_PROJECTOR_SHUTDOWN_TIMEOUT");
    }
}
