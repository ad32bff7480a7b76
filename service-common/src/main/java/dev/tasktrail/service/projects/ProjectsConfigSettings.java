package dev.tasktrail.service.projects;

import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the projects config (SPEC §8) comes from, as a group of a service's {@code @ConfigMapping} under
 * {@code task.projects.config}: environment variables {@code TASK_PROJECTS_CONFIG_*}. With nothing set the
 * service runs with {@link dev.tasktrail.model.projects.ProjectsConfig#EMPTY}.
 */
public interface ProjectsConfigSettings {

    /**
     * {@code TASK_PROJECTS_CONFIG_FILE}: a JSON file; the only source, or, when S3 is set, the fallback while S3
     * cannot be read and no config from S3 has been loaded.
     */
    Optional<Path> file();

    S3 s3();

    /**
     * {@code TASK_PROJECTS_CONFIG_RELOAD_INTERVAL}: how often the sources are read again, e.g. {@code 60s},
     * {@code 5m}; {@code 0s} reads them only at start-up.
     */
    @WithDefault("60s")
    Duration reloadInterval();

    interface S3 {
        /** {@code TASK_PROJECTS_CONFIG_S3_BUCKET}: with the key, read the config from this S3 object first. */
        Optional<String> bucket();

        /** {@code TASK_PROJECTS_CONFIG_S3_KEY}: the object key in the bucket. */
        Optional<String> key();
    }
}
