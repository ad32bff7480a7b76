package dev.tasktrail.dashboard.projects;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.model.projects.ProjectsConfig;
import dev.tasktrail.service.projects.ProjectsConfigLoader;
import dev.tasktrail.service.projects.ProjectsConfigStatus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The projects config in use (SPEC §8), through service-common's {@link ProjectsConfigLoader}: loaded at start-up
 * (a config that cannot be loaded stops the service, naming the problem), then reloaded every
 * {@code TASK_PROJECTS_CONFIG_RELOAD_INTERVAL} on a worker thread; a failed reload keeps the last good config.
 * The S3 client is only created when a bucket is configured.
 */
@ApplicationScoped
public class ProjectsConfigService {

    static final String RELOAD_JOB = "projects-config-reload";

    private final ProjectsConfigLoader loader;
    private final Duration reloadInterval;

    ProjectsConfigService(DashboardConfig config, Instance<S3Client> s3) {
        try {
            this.loader = ProjectsConfigLoader.fromSettings(config.projects().config(), s3::get);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
        this.reloadInterval = config.projects().config().reloadInterval();
    }

    void onStart(@Observes StartupEvent event, Scheduler scheduler) {
        try {
            loader.loadInitial();
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (!reloadInterval.isZero() && !loader.sourceDescriptions().isEmpty()) {
            scheduler.newJob(RELOAD_JOB)
                    .setInterval(reloadInterval.toString())
                    .setDelayed(reloadInterval.toString())
                    .setConcurrentExecution(Scheduled.ConcurrentExecution.SKIP)
                    .setTask(execution -> loader.reload())
                    .schedule();
        }
    }

    /** The config in use; never blocks. */
    public ProjectsConfig current() {
        return loader.current();
    }

    public ProjectsConfigStatus status() {
        return loader.status();
    }
}
