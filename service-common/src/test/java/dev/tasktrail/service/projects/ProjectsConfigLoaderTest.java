package dev.tasktrail.service.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasktrail.model.projects.ProjectsConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectsConfigLoaderTest {

    static final String ALICE_FOR_BACKEND = """
            {"projects":[{"project":"rukipay","responsibleUsers":["google:alice@example.com"],
              "applications":[{"app":"backend","repo":"houlak/rukipay-backend"}]}]}
            """;
    static final String BOB_FOR_BACKEND = ALICE_FOR_BACKEND.replace("alice", "bob");

    @TempDir
    Path folder;

    @Test
    void withoutSourcesTheConfigIsEmpty() {
        ProjectsConfigLoader loader = new ProjectsConfigLoader(List.of(), Clock.systemUTC());

        assertThat(loader.loadInitial()).isEqualTo(ProjectsConfig.EMPTY);
        assertThat(loader.reload().healthy()).isTrue();
        assertThat(loader.status().source()).isEmpty();
    }

    @Test
    void loadsAFileAndPicksUpItsChanges() throws IOException {
        Path file = write("projects.json", ALICE_FOR_BACKEND);
        ProjectsConfigLoader loader = new ProjectsConfigLoader(List.of(ProjectsConfigSource.file(file)), Clock.systemUTC());

        assertThat(loader.loadInitial().responsibleUsersFor("houlak/rukipay-backend"))
                .containsExactly("google:alice@example.com");
        Files.writeString(file, BOB_FOR_BACKEND);
        ProjectsConfigStatus status = loader.reload();

        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
        assertThat(status.healthy()).isTrue();
        assertThat(status.source()).contains("file " + file);
        assertThat(status.projects()).isEqualTo(1);
    }

    @Test
    void aBadReloadKeepsTheLastGoodConfigAndReportsIt() throws IOException {
        Path file = write("projects.json", ALICE_FOR_BACKEND);
        ProjectsConfigLoader loader = new ProjectsConfigLoader(List.of(ProjectsConfigSource.file(file)), Clock.systemUTC());
        loader.loadInitial();
        Files.writeString(file, "{\"projects\":[{\"displayName\":\"no slug\"}]}");

        ProjectsConfigStatus status = loader.reload();

        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:alice@example.com");
        assertThat(status.healthy()).isFalse();
        assertThat(status.problems()).containsExactly(
                "file " + file + ": invalid projects config: projects[0].project: is required");
        assertThat(status.source()).contains("file " + file);

        Files.writeString(file, BOB_FOR_BACKEND);
        assertThat(loader.reload().healthy()).as("recovers").isTrue();
        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
    }

    @Test
    void fallsBackToTheNextSourceAndSaysWhy() throws IOException {
        Path file = write("projects.json", ALICE_FOR_BACKEND);
        ProjectsConfigSource unreachable = source("s3://bucket/projects.json", () -> {
            throw new IOException("connection refused");
        });
        ProjectsConfigLoader loader = new ProjectsConfigLoader(
                List.of(unreachable, ProjectsConfigSource.file(file)), Clock.systemUTC());

        assertThat(loader.loadInitial().responsibleUsersFor("houlak/rukipay-backend"))
                .containsExactly("google:alice@example.com");
        assertThat(loader.status().source()).contains("file " + file);
        assertThat(loader.status().problems()).containsExactly("s3://bucket/projects.json: connection refused");
    }

    @Test
    void theFirstSourceWinsWhenItIsValid() throws IOException {
        Path file = write("projects.json", ALICE_FOR_BACKEND);
        ProjectsConfigLoader loader = new ProjectsConfigLoader(
                List.of(source("s3://bucket/key", () -> BOB_FOR_BACKEND), ProjectsConfigSource.file(file)),
                Clock.systemUTC());

        assertThat(loader.loadInitial().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
        assertThat(loader.status().healthy()).isTrue();
    }

    @Test
    void startUpFailsNamingEveryProblem() throws IOException {
        Path missing = folder.resolve("missing.json");
        ProjectsConfigLoader loader = new ProjectsConfigLoader(
                List.of(source("s3://bucket/key", () -> "{\"projects\": 1}"), ProjectsConfigSource.file(missing)),
                Clock.systemUTC());

        assertThatThrownBy(loader::loadInitial)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TASK_PROJECTS_CONFIG_FILE")
                .hasMessageContaining("s3://bucket/key: invalid projects config: projects: must be an array")
                .hasMessageContaining("file " + missing + ": no such file");
    }

    @Test
    void settingsNameTheSourcesS3First() {
        ProjectsConfigLoader loader = ProjectsConfigLoader.fromSettings(
                settings(Optional.of(Path.of("/etc/projects.json")), Optional.of("bucket"), Optional.of("projects.json")),
                () -> null); // naming the sources reads nothing

        assertThat(loader.sourceDescriptions()).containsExactly("s3://bucket/projects.json", "file /etc/projects.json");
    }

    @Test
    void settingsWithoutS3NeverCreateAClient() {
        ProjectsConfigLoader loader = ProjectsConfigLoader.fromSettings(
                settings(Optional.of(Path.of("/etc/projects.json")), Optional.empty(), Optional.empty()), () -> {
                    throw new AssertionError("no S3 client expected");
                });

        assertThat(loader.sourceDescriptions()).containsExactly("file /etc/projects.json");
    }

    @Test
    void aBucketWithoutAKeyNamesTheMissingVariable() {
        assertThatThrownBy(() -> ProjectsConfigLoader.fromSettings(
                settings(Optional.empty(), Optional.of("bucket"), Optional.empty()), () -> null))
                .hasMessageContaining("TASK_PROJECTS_CONFIG_S3_KEY is not set");
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content);
    }

    private interface Reader {
        String read() throws IOException;
    }

    private static ProjectsConfigSource source(String description, Reader reader) {
        return new ProjectsConfigSource() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public String read() throws IOException {
                return reader.read();
            }
        };
    }

    private static ProjectsConfigSettings settings(Optional<Path> file, Optional<String> bucket, Optional<String> key) {
        return new ProjectsConfigSettings() {
            @Override
            public Optional<Path> file() {
                return file;
            }

            @Override
            public S3 s3() {
                return new S3() {
                    @Override
                    public Optional<String> bucket() {
                        return bucket;
                    }

                    @Override
                    public Optional<String> key() {
                        return key;
                    }
                };
            }

            @Override
            public Duration reloadInterval() {
                return Duration.ofMinutes(1);
            }
        };
    }
}
