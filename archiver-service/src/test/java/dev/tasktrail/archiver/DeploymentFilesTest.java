package dev.tasktrail.archiver;

import dev.tasktrail.archiver.config.ArchiverConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;
import java.time.Duration;
import java.util.List;

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

    // docs/archiver.md: a grace period above the upload grace plus the blocking read in progress plus 5 s.
    @Override
    protected List<String> shutdownSettings() {
        return List.of("TASK_ARCHIVER_UPLOAD_SHUTDOWN_GRACE", "TASK_ARCHIVER_CONSUMER_BLOCK");
    }

    @Override
    protected Duration shutdownMargin() {
        return Duration.ofSeconds(5);
    }
}
