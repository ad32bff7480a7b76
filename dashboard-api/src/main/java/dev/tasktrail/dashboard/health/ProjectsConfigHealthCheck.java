package dev.tasktrail.dashboard.health;

import dev.tasktrail.dashboard.projects.ProjectsConfigService;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Singleton;

/** The projects config at {@code /q/health/well}: DOWN while a source fails (the last good config stays in use). */
@Wellness
@Singleton
class ProjectsConfigHealthCheck extends dev.tasktrail.service.projects.ProjectsConfigHealthCheck {

    ProjectsConfigHealthCheck(ProjectsConfigService projects) {
        super(projects);
    }
}
