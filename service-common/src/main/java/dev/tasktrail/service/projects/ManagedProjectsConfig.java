package dev.tasktrail.service.projects;

import dev.tasktrail.model.projects.ProjectsConfig;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.Scheduler;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The projects config a service uses (SPEC §8), over a {@link ProjectsConfigLoader}: a service's bean extends it,
 * calls {@link #start(Scheduler)} at start-up and serves {@link #current()}. A config that cannot be loaded at
 * start-up stops the service with a {@link ConfigurationException} naming the problem (printed without a stack
 * trace); afterwards it is reloaded every {@link ProjectsConfigSettings#reloadInterval()} on a worker thread and
 * a failed reload keeps the last good config.
 *
 * <pre>{@code
 * @Singleton
 * public class ProjectsConfigService extends ManagedProjectsConfig {
 *     ProjectsConfigService(MyConfig config, Instance<S3Client> s3) { super(config.projects().config(), s3::get); }
 *     void onStart(@Observes StartupEvent event, Scheduler scheduler) { start(scheduler); }
 * }
 * }</pre>
 * A singleton rather than a normal scope: the bean needs no client proxy, so this class needs no no-args
 * constructor.
 */
public abstract class ManagedProjectsConfig {

    static final String RELOAD_JOB = "projects-config-reload";

    private final ProjectsConfigLoader loader;
    private final Duration reloadInterval;

    /**
     * @param s3Client only called when the settings name a bucket, so a service without S3 settings creates no client
     * @throws ConfigurationException when the settings are inconsistent (e.g. a bucket without a key)
     */
    protected ManagedProjectsConfig(ProjectsConfigSettings settings, Supplier<S3Client> s3Client) {
        try {
            this.loader = ProjectsConfigLoader.fromSettings(settings, s3Client);
        } catch (IllegalStateException e) {
            throw new ConfigurationException(e.getMessage());
        }
        this.reloadInterval = settings.reloadInterval();
    }

    /**
     * Loads the config and schedules its reloads (none for a zero interval or when no source is configured).
     *
     * @throws ConfigurationException naming every source's problem when none yields a valid config
     */
    protected final void start(Scheduler scheduler) {
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
