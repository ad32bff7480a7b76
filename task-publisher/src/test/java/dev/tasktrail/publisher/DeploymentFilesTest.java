package dev.tasktrail.publisher;

import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;
import java.util.List;
import java.util.Set;

/** Compose file, workflow, Dockerfiles and the committed Kubernetes manifest agree with the service. */
class DeploymentFilesTest extends DeploymentFilesContract {

    @Override
    protected Class<?> configMapping() {
        return PublisherConfig.class;
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

    @Override
    protected Set<String> variablesFromSecrets() {
        return Set.of("TASK_TRACKING_REDIS_URL", "TASK_PUBLISHER_API_KEYS");
    }
}
