package dev.tasktrail.service.projects;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the projects config: DOWN while a source fails, with the problem and which config is in use. A
 * service's bean extends it as a {@code @Wellness} check, not readiness: a bad upload keeps the last good config
 * serving, so taking every replica out of the load balancer would only turn it into an outage.
 *
 * <pre>{@code
 * @Wellness
 * @Singleton
 * class ProjectsHealthCheck extends ProjectsConfigHealthCheck {
 *     ProjectsHealthCheck(ProjectsConfigService projects) { super(projects); }
 * }
 * }</pre>
 */
public abstract class ProjectsConfigHealthCheck implements HealthCheck {

    private final ManagedProjectsConfig projects;

    protected ProjectsConfigHealthCheck(ManagedProjectsConfig projects) {
        this.projects = projects;
    }

    @Override
    public HealthCheckResponse call() {
        ProjectsConfigStatus status = projects.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("Projects config")
                .status(status.healthy())
                .withData("source", status.source().orElse("none (empty config)"))
                .withData("projects", status.projects())
                .withData("checkedAt", status.checkedAt().toString());
        status.loadedAt().ifPresent(loadedAt -> response.withData("loadedAt", loadedAt.toString()));
        if (!status.healthy()) {
            response.withData("problem", String.join("; ", status.problems()));
        }
        return response.build();
    }
}
