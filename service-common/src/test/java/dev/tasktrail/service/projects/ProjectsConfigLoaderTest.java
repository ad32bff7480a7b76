package dev.tasktrail.service.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasktrail.model.projects.ProjectsConfig;
import dev.tasktrail.testing.s3.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

class ProjectsConfigLoaderTest {

    static final String ALICE_FOR_BACKEND = """
            {"projects":[{"project":"rukipay","responsibleUsers":["google:alice@example.com"],
              "applications":[{"app":"backend","repo":"houlak/rukipay-backend"}]}]}
            """;
    static final String BOB_FOR_BACKEND = ALICE_FOR_BACKEND.replace("alice", "bob");
    static final String CAROL_FOR_BACKEND = ALICE_FOR_BACKEND.replace("alice", "carol");
    static final String NOT_A_CONFIG = "{\"projects\": 1}";
    static final String BUCKET = "config";

    /** A real S3 protocol server for the S3 source; each test uses its own object key. */
    static S3ProxyServer s3;

    @TempDir
    Path folder;

    String key;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void pickObjectKey(TestInfo test) {
        key = test.getTestMethod().orElseThrow().getName() + ".json";
    }

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
    void theS3ObjectWinsOverTheFile() throws IOException {
        s3.putObject(BUCKET, key, BOB_FOR_BACKEND);
        ProjectsConfigLoader loader = s3ThenFile(write("projects.json", ALICE_FOR_BACKEND));

        assertThat(loader.loadInitial().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
        assertThat(loader.status().healthy()).isTrue();
        assertThat(loader.status().source()).contains(s3Source());
    }

    @Test
    void theFileServesWhileS3CannotBeReadUntilS3Can() throws IOException {
        Path file = write("projects.json", ALICE_FOR_BACKEND);
        ProjectsConfigLoader loader = s3ThenFile(file);

        assertThat(loader.loadInitial().responsibleUsersFor("houlak/rukipay-backend"))
                .as("no object yet").containsExactly("google:alice@example.com");
        assertThat(loader.status().source()).contains("file " + file);
        assertThat(loader.status().problems())
                .containsExactly(s3Source() + ": S3 answered 404 NoSuchKey: The specified key does not exist.");

        Files.writeString(file, BOB_FOR_BACKEND);
        loader.reload();
        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend"))
                .as("the fallback's changes count while it serves").containsExactly("google:bob@example.com");

        s3.putObject(BUCKET, key, NOT_A_CONFIG);
        assertThat(loader.reload().problems()).containsExactly(s3Source() + ": invalid projects config: projects: must be an array");
        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend"))
                .as("a bad object keeps the config in use").containsExactly("google:bob@example.com");

        s3.putObject(BUCKET, key, CAROL_FOR_BACKEND);
        assertThat(loader.reload().healthy()).isTrue();
        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:carol@example.com");
        assertThat(loader.status().source()).contains(s3Source());
    }

    @Test
    void aBadS3ObjectIsReportedAndTheLastGoodConfigStaysInsteadOfTheFile() throws IOException {
        s3.putObject(BUCKET, key, BOB_FOR_BACKEND);
        ProjectsConfigLoader loader = s3ThenFile(write("projects.json", ALICE_FOR_BACKEND));
        loader.loadInitial();

        s3.putObject(BUCKET, key, NOT_A_CONFIG);
        ProjectsConfigStatus status = loader.reload();

        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
        assertThat(status.source()).contains(s3Source());
        assertThat(status.problems())
                .containsExactly(s3Source() + ": invalid projects config: projects: must be an array");
    }

    @Test
    void aConfigFromS3IsKeptWhileS3IsUnreachable() throws IOException {
        s3.putObject(BUCKET, key, BOB_FOR_BACKEND);
        ProjectsConfigLoader loader = s3ThenFile(write("projects.json", ALICE_FOR_BACKEND));
        loader.loadInitial();

        s3.stop();
        ProjectsConfigStatus status;
        try {
            status = loader.reload();
        } finally {
            s3.restart();
        }

        assertThat(loader.current().responsibleUsersFor("houlak/rukipay-backend")).containsExactly("google:bob@example.com");
        assertThat(status.source()).contains(s3Source());
        assertThat(status.problems()).singleElement().asString().startsWith(s3Source() + ": ");
        assertThat(loader.reload().healthy()).as("recovers").isTrue();
    }

    @Test
    void aBadS3ObjectStopsTheStartUpEvenNextToAGoodFile() throws IOException {
        s3.putObject(BUCKET, key, NOT_A_CONFIG);
        ProjectsConfigLoader loader = s3ThenFile(write("projects.json", ALICE_FOR_BACKEND));

        assertThatThrownBy(loader::loadInitial)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageEndingWith("): " + s3Source() + ": invalid projects config: projects: must be an array");
    }

    @Test
    void startUpFailsNamingEveryProblem() {
        Path missing = folder.resolve("missing.json");
        ProjectsConfigLoader loader = s3ThenFile(missing);

        assertThatThrownBy(loader::loadInitial)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("TASK_PROJECTS_CONFIG_FILE")
                .hasMessageContaining(s3Source() + ": S3 answered 404 NoSuchKey")
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

    private ProjectsConfigLoader s3ThenFile(Path file) {
        return new ProjectsConfigLoader(
                List.of(new S3ProjectsConfigSource(s3.client(), BUCKET, key), ProjectsConfigSource.file(file)),
                Clock.systemUTC());
    }

    private String s3Source() {
        return "s3://" + BUCKET + "/" + key;
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
