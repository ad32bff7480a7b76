package dev.tasktrail.dashboard.projects;

import static dev.tasktrail.dashboard.Responses.assertUnauthorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.model.Json;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import dev.tasktrail.testing.projects.InjectProjectsConfigFile;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** {@code GET /dashboard/projects} from a projects config file that changes while the service runs (SPEC §8). */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProjectsFileTest {

    @InjectTokenMinter
    TokenMinter tokens;

    @InjectProjectsConfigFile
    Path file;

    @Test
    void listsTheConfiguredProjectsWithoutResponsibleUsers() {
        assertThat(projects()).isEqualTo(normalized(ProjectsConfigFileResource.INITIAL_RESPONSE));
    }

    @Test
    void needsAViewer() {
        assertUnauthorized(given().get("/dashboard/projects").then());
        given().queryParam("authToken", Viewers.verifiedEmail(tokens, "alice@example.com"))
                .get("/dashboard/projects").then().statusCode(200);
    }

    @Test
    void followsTheFileAndKeepsTheLastGoodConfigWhenItBreaks() throws Exception {
        try {
            Files.writeString(file, """
                    { "projects": [ { "project": "payments", "displayName": "Payments",
                        "applications": [ { "app": "payments-api", "repo": "globex/payments" } ] } ] }
                    """);
            String payments = """
                    {"items":[{"project":"payments","displayName":"Payments","applications":[
                      {"app":"payments-api","repo":"globex/payments"}]}]}""";
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(projects()).isEqualTo(normalized(payments)));
            given().get("/q/health/well").then().statusCode(200).body("checks[0].status", equalTo("UP"));

            Files.writeString(file, "{ \"projects\": [ { \"displayName\": \"no slug\" } ] }");
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    given().get("/q/health/well").then().statusCode(503)
                            .body("checks[0].data.problem", startsWith("file " + file + ": ")));
            assertThat(projects()).isEqualTo(normalized(payments));
        } finally {
            Files.writeString(file, ProjectsConfigFileResource.INITIAL);
        }
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(projects()).isEqualTo(normalized(ProjectsConfigFileResource.INITIAL_RESPONSE)));
    }

    private String projects() {
        return normalized(given().auth().oauth2(Viewers.verifiedEmail(tokens, "alice@example.com"))
                .get("/dashboard/projects").then().statusCode(200).contentType("application/json")
                .header("Cache-Control", "no-store")
                .extract().asString());
    }

    private static String normalized(String json) {
        return Json.write(Json.parse(json));
    }
}
