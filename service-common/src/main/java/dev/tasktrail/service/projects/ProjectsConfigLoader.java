package dev.tasktrail.service.projects;

import dev.tasktrail.model.projects.ProjectsConfig;
import dev.tasktrail.model.projects.ProjectsConfigParser;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Loads the projects config (SPEC §8) from its sources in priority order, S3 first and the file as fallback.
 * A source that can be read is authoritative: when its document is not a valid config the problem is reported
 * and no lower source stands in for it, since a fallback may be older than the config in use. A lower source is
 * read only while every source above it cannot be read and no config from those sources is in use, i.e. the file
 * serves when S3 is unreachable (or lacks the object) at start-up, until S3 can be read; a config read from S3 is
 * kept while S3 is unreachable.
 *
 * <p>At start-up no valid config is fatal ({@link #loadInitial()}), including a bad S3 object next to a good file;
 * afterwards a failed {@link #reload()} keeps the last good config and reports the problem in {@link #status()}.
 * No sources at all means {@link ProjectsConfig#EMPTY}.
 *
 * <p>Plain Java so that every service wraps it the same way: a CDI bean that calls {@code loadInitial()} at
 * start-up, a scheduled {@code reload()} every {@link ProjectsConfigSettings#reloadInterval()}, and a health
 * check over {@code status()}. Thread-safe: reads of {@link #current()} never block.
 */
public final class ProjectsConfigLoader {

    static final String FILE_VARIABLE = "TASK_PROJECTS_CONFIG_FILE";
    static final String BUCKET_VARIABLE = "TASK_PROJECTS_CONFIG_S3_BUCKET";
    static final String KEY_VARIABLE = "TASK_PROJECTS_CONFIG_S3_KEY";

    private static final Logger LOG = Logger.getLogger(ProjectsConfigLoader.class);
    private static final int NO_SOURCE = Integer.MAX_VALUE;

    private final List<ProjectsConfigSource> sources;
    private final Clock clock;
    private volatile ProjectsConfig current = ProjectsConfig.EMPTY;
    private volatile ProjectsConfigStatus status;
    /** Index of the source the config in use came from; {@link #NO_SOURCE} for the built-in empty config. */
    private int sourceInUse = NO_SOURCE;

    public ProjectsConfigLoader(List<ProjectsConfigSource> sources, Clock clock) {
        this.sources = List.copyOf(sources);
        this.clock = clock;
        this.status = new ProjectsConfigStatus(Optional.empty(), Optional.empty(), clock.instant(), List.of(), 0);
    }

    /**
     * The sources the settings name, S3 first. {@code s3Client} is only called when a bucket is set, so a service
     * without S3 settings never creates a client.
     *
     * @throws IllegalStateException naming the missing variable when only one of bucket and key is set
     */
    public static ProjectsConfigLoader fromSettings(ProjectsConfigSettings settings, Supplier<S3Client> s3Client) {
        List<ProjectsConfigSource> sources = new ArrayList<>();
        Optional<String> bucket = settings.s3().bucket().filter(value -> !value.isBlank());
        Optional<String> key = settings.s3().key().filter(value -> !value.isBlank());
        if (bucket.isPresent() != key.isPresent()) {
            throw new IllegalStateException("The projects config in S3 needs both " + BUCKET_VARIABLE + " and "
                    + KEY_VARIABLE + "; " + (bucket.isPresent() ? KEY_VARIABLE : BUCKET_VARIABLE) + " is not set");
        }
        if (bucket.isPresent()) {
            sources.add(new S3ProjectsConfigSource(s3Client.get(), bucket.get(), key.get()));
        }
        settings.file().map(Path::toString).filter(path -> !path.isBlank())
                .ifPresent(path -> sources.add(ProjectsConfigSource.file(Path.of(path))));
        return new ProjectsConfigLoader(sources, Clock.systemUTC());
    }

    /** The config in use. */
    public ProjectsConfig current() {
        return current;
    }

    public ProjectsConfigStatus status() {
        return status;
    }

    /** The sources in priority order; empty when none is configured. */
    public List<String> sourceDescriptions() {
        return sources.stream().map(ProjectsConfigSource::description).toList();
    }

    /**
     * Reads the sources for start-up.
     *
     * @throws IllegalStateException naming each source and its problem when sources are configured and none
     *     yields a valid config
     */
    public synchronized ProjectsConfig loadInitial() {
        if (sources.isEmpty()) {
            LOG.infof("No projects config configured (%s, %s/%s): no responsible users are added and no projects "
                    + "are listed", FILE_VARIABLE, BUCKET_VARIABLE, KEY_VARIABLE);
            return current;
        }
        ProjectsConfigStatus attempt = attempt();
        if (attempt.source().isEmpty()) {
            throw new IllegalStateException("No valid projects config (" + FILE_VARIABLE + ", " + BUCKET_VARIABLE
                    + "/" + KEY_VARIABLE + "): " + String.join("; ", attempt.problems()));
        }
        logProblems(attempt);
        return current;
    }

    /**
     * Reads the sources again; keeps the config in use when the authoritative source fails (see the class
     * comment). Never throws.
     */
    public synchronized ProjectsConfigStatus reload() {
        if (sources.isEmpty()) {
            return status;
        }
        List<String> previousProblems = status.problems();
        ProjectsConfigStatus attempt = attempt();
        if (!attempt.problems().equals(previousProblems)) {
            if (attempt.healthy()) {
                LOG.infof("Projects config from %s is valid again", attempt.source().orElseThrow());
            } else {
                logProblems(attempt);
            }
        }
        return attempt;
    }

    private ProjectsConfigStatus attempt() {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        // Never below the source in use: a lower source must not replace a config from a higher one.
        for (int index = 0; index < sources.size() && index <= sourceInUse; index++) {
            ProjectsConfigSource source = sources.get(index);
            String document;
            try {
                document = source.read();
            } catch (Exception e) {
                problems.add(source.description() + ": " + describe(e));
                continue;
            }
            ProjectsConfig config;
            try {
                config = ProjectsConfigParser.parse(document);
            } catch (RuntimeException e) {
                // Read but bad: reported, and the last good config stays rather than an older fallback.
                problems.add(source.description() + ": " + describe(e));
                break;
            }
            if (!config.equals(current) || index != sourceInUse) {
                LOG.infof("Projects config loaded from %s: %d projects", source.description(), config.projects().size());
            }
            current = config;
            sourceInUse = index;
            status = new ProjectsConfigStatus(Optional.of(source.description()), Optional.of(now), now,
                    problems, config.projects().size());
            return status;
        }
        status = new ProjectsConfigStatus(status.source(), status.loadedAt(), now, problems,
                current.projects().size());
        return status;
    }

    private void logProblems(ProjectsConfigStatus attempt) {
        if (attempt.healthy()) {
            return;
        }
        String inUse = attempt.source()
                .map(source -> attempt.loadedAt().orElseThrow().equals(attempt.checkedAt())
                        ? "using the config from " + source
                        : "keeping the last good config, read from " + source + " at " + attempt.loadedAt().orElseThrow())
                .orElse("keeping the empty config");
        LOG.warnf("Projects config problem: %s; %s", String.join("; ", attempt.problems()), inUse);
    }

    private static String describe(Exception e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
