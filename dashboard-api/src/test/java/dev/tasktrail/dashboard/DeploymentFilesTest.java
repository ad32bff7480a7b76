package dev.tasktrail.dashboard;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;
import java.util.List;

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

    // The shutdown delay (readiness DOWN while endpoints are removed), then the timeout for requests in flight.
    @Override
    protected List<String> shutdownSettings() {
        return List.of("QUARKUS_SHUTDOWN_DELAY", "QUARKUS_SHUTDOWN_TIMEOUT");
    }

    // The dashboard page's tests (ui.Browser) drive headless Chromium and keep screenshots.
    @Override
    protected boolean testsDriveABrowser() {
        return true;
    }
}
