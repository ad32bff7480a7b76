package dev.tasktrail.model.projects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasktrail.model.Violation;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProjectsConfigParserTest {

    static final String SPEC_EXAMPLE = """
            { "projects": [ { "project": "rukipay", "displayName": "Rukipay",
                "responsibleUsers": ["google:alice@example.com"],
                "applications": [ { "app": "rukipay-backend", "repo": "houlak/rukipay-backend",
                                    "responsibleUsers": ["google:bob@example.com"] } ] } ] }
            """;

    @Test
    void readsTheSpecExample() {
        ProjectsConfig config = ProjectsConfigParser.parse(SPEC_EXAMPLE);

        assertThat(config.projects()).containsExactly(new ProjectConfig("rukipay", "Rukipay",
                List.of("google:alice@example.com"),
                List.of(new ApplicationConfig("rukipay-backend", "houlak/rukipay-backend",
                        List.of("google:bob@example.com")))));
    }

    @Test
    void responsibleUsersOfARepoAreProjectAndApplicationUsers() {
        ProjectsConfig config = ProjectsConfigParser.parse(SPEC_EXAMPLE);

        assertThat(config.responsibleUsersFor("houlak/rukipay-backend"))
                .containsExactly("google:alice@example.com", "google:bob@example.com");
        assertThat(config.responsibleUsersFor("Houlak/Rukipay-Backend")).as("GitHub names ignore case")
                .containsExactly("google:alice@example.com", "google:bob@example.com");
        assertThat(config.responsibleUsersFor("houlak/other")).isEmpty();
    }

    @Test
    void aRepoListedByTwoProjectsGetsTheUsersOfBoth() {
        ProjectsConfig config = ProjectsConfigParser.parse("""
                { "projects": [
                    { "project": "a", "responsibleUsers": ["google:a@x.com"],
                      "applications": [ { "app": "mono", "repo": "org/mono" } ] },
                    { "project": "b",
                      "applications": [ { "app": "mono", "repo": "org/mono", "responsibleUsers": ["google:a@x.com", "slack:U1"] } ] } ] }
                """);

        assertThat(config.responsibleUsersFor("org/mono")).containsExactly("google:a@x.com", "slack:U1");
    }

    @Test
    void optionalPartsDefault() {
        ProjectsConfig config = ProjectsConfigParser.parse("{\"projects\":[{\"project\":\"solo\",\"unknown\":1}]}");

        assertThat(config.projects()).containsExactly(
                new ProjectConfig("solo", "solo", List.of(), List.of()));
        assertThat(ProjectsConfigParser.parse("{\"projects\":[]}")).isEqualTo(ProjectsConfig.EMPTY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON                   | {\"projects\": [            | $",
        "not an object              | []                          | $",
        "no projects                | {}                          | projects",
        "projects not an array      | {\"projects\": {}}          | projects",
        "project missing            | {\"projects\": [{}]}        | projects[0].project",
        "project not a slug         | {\"projects\": [{\"project\": \"a b\"}]} | projects[0].project",
        "duplicate project          | {\"projects\": [{\"project\": \"a\"}, {\"project\": \"a\"}]} | projects[1].project",
        "displayName not a string   | {\"projects\": [{\"project\": \"a\", \"displayName\": 3}]} | projects[0].displayName",
        "bad user                   | {\"projects\": [{\"project\": \"a\", \"responsibleUsers\": [\"alice\"]}]} | projects[0].responsibleUsers[0]",
        "users not an array         | {\"projects\": [{\"project\": \"a\", \"responsibleUsers\": \"google:a@x.com\"}]} | projects[0].responsibleUsers",
        "applications not an array  | {\"projects\": [{\"project\": \"a\", \"applications\": {}}]} | projects[0].applications",
        "app missing                | {\"projects\": [{\"project\": \"a\", \"applications\": [{\"repo\": \"o/r\"}]}]} | projects[0].applications[0].app",
        "repo not owner/repo        | {\"projects\": [{\"project\": \"a\", \"applications\": [{\"app\": \"x\", \"repo\": \"r\"}]}]} | projects[0].applications[0].repo",
        "duplicate app              | {\"projects\": [{\"project\": \"a\", \"applications\": [{\"app\": \"x\", \"repo\": \"o/r\"}, {\"app\": \"x\", \"repo\": \"o/s\"}]}]} | projects[0].applications[1].app",
    })
    void namesTheProblem(String name, String json, String path) {
        assertThatThrownBy(() -> ProjectsConfigParser.parse(json))
                .isInstanceOfSatisfying(InvalidProjectsConfigException.class, e -> {
                    assertThat(e.problems()).extracting(Violation::field).containsExactly(path);
                    assertThat(e.getMessage()).startsWith("invalid projects config: " + path + ": ");
                });
    }

    @Test
    void reportsEveryProblemAtOnce() {
        assertThatThrownBy(() -> ProjectsConfigParser.parse("""
                { "projects": [ { "project": "", "applications": [ { "app": "x", "repo": "nope" } ] },
                                { "displayName": "B" } ] }
                """))
                .isInstanceOfSatisfying(InvalidProjectsConfigException.class, e -> assertThat(e.problems())
                        .extracting(Violation::field)
                        .containsExactly("projects[0].project", "projects[0].applications[0].repo", "projects[1].project"));
    }

    @Test
    void refusesMoreUsersForOneRepoThanAnEventHolds() {
        String users = IntStream.range(0, 101).mapToObj(i -> "\"google:u" + i + "@x.com\"")
                .collect(Collectors.joining(","));
        String json = "{\"projects\":[{\"project\":\"a\",\"responsibleUsers\":[" + users + "],"
                + "\"applications\":[{\"app\":\"x\",\"repo\":\"o/r\"}]}]}";

        assertThatThrownBy(() -> ProjectsConfigParser.parse(json))
                .hasMessageContaining("projects[0].applications[0]: repo o/r gets 101 responsible users");
    }
}
