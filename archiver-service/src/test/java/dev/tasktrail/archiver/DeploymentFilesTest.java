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

    // Uploads in flight get 10 s after a blocking read of up to 2 s returned; the rest stays pending.
    @Override
    protected int shutdownSeconds() {
        return 12;
    }
}
