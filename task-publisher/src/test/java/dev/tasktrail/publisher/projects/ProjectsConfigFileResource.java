package dev.tasktrail.publisher.projects;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Writes {@link #INITIAL} to a temporary file and points {@code TASK_PROJECTS_CONFIG_FILE} at it, reloading every
 * second; a field {@code @InjectProjectsConfigFile Path file} receives the file so a test can change it.
 */
public class ProjectsConfigFileResource implements QuarkusTestResourceLifecycleManager {

    /** Alice for the project, Bob for the backend application, and a repository with 60 users. */
    static final String INITIAL = """
            { "projects": [
                { "project": "rukipay", "displayName": "Rukipay", "responsibleUsers": ["google:alice@example.com"],
                  "applications": [ { "app": "rukipay-backend", "repo": "houlak/rukipay-backend",
                                      "responsibleUsers": ["google:bob@example.com"] } ] },
                { "project": "crowded", "responsibleUsers": [%s],
                  "applications": [ { "app": "crowded", "repo": "houlak/crowded" } ] } ] }
            """.formatted(String.join(",", IntStream.range(0, 60)
                    .mapToObj(i -> "\"google:user" + i + "@example.com\"").toList()));

    private Path file;

    @Override
    public Map<String, String> start() {
        try {
            file = Files.createTempFile("projects-config-", ".json");
            Files.writeString(file, INITIAL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("task.projects.config.file", file.toString(),
                "task.projects.config.reload-interval", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(file, new TestInjector.AnnotatedAndMatchesType(InjectProjectsConfigFile.class, Path.class));
    }

    @Override
    public void stop() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a leftover temp file is harmless
        }
    }
}
