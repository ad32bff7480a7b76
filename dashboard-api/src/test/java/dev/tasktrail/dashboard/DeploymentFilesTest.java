package dev.tasktrail.dashboard;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;

/** Compose file, workflow, Dockerfiles and the committed Kubernetes manifest agree with the service. */
class DeploymentFilesTest extends DeploymentFilesContract {

    @Override
    protected Class<?> configMapping() {
        return DashboardConfig.class;
    }

    @Override
    protected boolean consumesInAGroup() {
        return false;
    }

    @Override
    protected boolean autoscaled() {
        return true;
    }

    // QUARKUS_SHUTDOWN_DELAY (5 s) then QUARKUS_SHUTDOWN_TIMEOUT (10 s), from the ConfigMap.
    @Override
    protected int shutdownSeconds() {
        return 15;
    }
}
