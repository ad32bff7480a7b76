package dev.tasktrail.testing.projects;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes a projects config to a temporary file and points {@code TASK_PROJECTS_CONFIG_FILE} at it, reloading every
 * second. A module subclasses it with its initial content (a test resource needs a no-args constructor); a field
 * {@code @InjectProjectsConfigFile Path file} receives the file so a test can change it.
 */
public abstract class ProjectsConfigFileTestResource implements QuarkusTestResourceLifecycleManager {

    private final String initialContent;
    private Path file;

    protected ProjectsConfigFileTestResource(String initialContent) {
        this.initialContent = initialContent;
    }

    @Override
    public Map<String, String> start() {
        try {
            file = Files.createTempFile("projects-config-", ".json");
            Files.writeString(file, initialContent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of("task.projects.config.file", file.toString(), "task.projects.config.reload-interval", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(file,
                new TestInjector.AnnotatedAndMatchesType(InjectProjectsConfigFile.class, Path.class));
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
