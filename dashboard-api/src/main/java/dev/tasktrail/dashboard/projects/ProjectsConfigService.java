package dev.tasktrail.dashboard.projects;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.service.projects.ManagedProjectsConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/** The projects config in use: loaded at start-up, then reloaded ({@link ManagedProjectsConfig}). */
@Singleton
public class ProjectsConfigService extends ManagedProjectsConfig {

    ProjectsConfigService(DashboardConfig config, Instance<S3Client> s3) {
        super(config.projects().config(), s3::get);
    }

    void onStart(@Observes StartupEvent event, Scheduler scheduler) {
        start(scheduler);
    }
}
