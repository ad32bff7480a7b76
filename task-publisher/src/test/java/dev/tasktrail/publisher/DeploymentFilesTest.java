package dev.tasktrail.publisher;

import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.testing.deploy.DeploymentFilesContract;
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

    // QUARKUS_SHUTDOWN_DELAY (5 s) then QUARKUS_SHUTDOWN_TIMEOUT (20 s) for requests in flight, from the ConfigMap.
    @Override
    protected int shutdownSeconds() {
        return 25;
    }

    @Override
    protected Set<String> variablesFromSecrets() {
        return Set.of("TASK_TRACKING_REDIS_URL", "TASK_PUBLISHER_API_KEYS");
    }
}
