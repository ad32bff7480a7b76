package dev.tasktrail.publisher.health;

import dev.tasktrail.publisher.projects.ProjectsConfigService;
import dev.tasktrail.service.projects.ProjectsConfigStatus;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Reports the projects config at {@code /q/health/well} (and {@code /q/health}): DOWN while a source fails, with
 * the problem and which config is in use. A wellness check, not readiness: a bad upload keeps the last good
 * config serving, so taking every replica out of the load balancer would only turn it into an outage.
 */
@Wellness
@ApplicationScoped
public class ProjectsConfigHealthCheck implements HealthCheck {

    private final ProjectsConfigService projects;

    ProjectsConfigHealthCheck(ProjectsConfigService projects) {
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
