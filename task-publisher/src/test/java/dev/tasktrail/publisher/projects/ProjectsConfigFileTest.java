package dev.tasktrail.publisher.projects;

import static dev.tasktrail.publisher.ApiClient.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.projects.InjectProjectsConfigFile;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProjectsConfigFileTest {

    static final String ALICE = "google:alice@example.com";
    static final String BOB = "google:bob@example.com";
    static final String CAROL = "google:carol@example.com";

    @InjectProjectsConfigFile
    Path file;

    @Inject
    RedisDataSource redis;

    @Test
    @Order(1)
    void addsTheConfiguredUsersToWhatTheProducerSent() {
        ObjectNode event = Events.with(Events.minimal("run-enriched"),
                e -> e.putObject("visibility").putArray("responsibleUsers").add(CAROL).add(BOB));

        assertThat(publishedUsers(event)).containsExactly(CAROL, BOB, ALICE);
    }

    @Test
    @Order(2)
    void matchesTheRepositoryIgnoringCase() {
        assertThat(publishedUsers(Events.with(Events.minimal("run-case"), e -> e.put("project", "Houlak/Rukipay-Backend"))))
                .containsExactly(ALICE, BOB);
    }

    @Test
    @Order(3)
    void leavesOtherRepositoriesAlone() {
        assertThat(publishedUsers(Events.with(Events.minimal("run-other"), e -> e.put("project", "houlak/elsewhere"))))
                .isEmpty();
    }

    @Test
    @Order(4)
    void refusesAnEventTheConfiguredUsersWouldOverfill() {
        ObjectNode event = Events.with(Events.minimal("run-crowded"), e -> {
            e.put("project", "houlak/crowded");
            IntStream.range(0, 50).forEach(i -> e.with("visibility").withArray("responsibleUsers").add("slack:U" + i));
        });

        publish(event).statusCode(400)
                .body("violations.field", contains("visibility.responsibleUsers"))
                .body("violations[0].message", containsString("the 60 responsible users the projects config names"));
    }

    @Test
    @Order(5)
    void reportsTheConfigInTheWellnessCheck() {
        given().get("/q/health/well").then().statusCode(200)
                .body("checks[0].name", equalTo("Projects config"))
                .body("checks[0].status", equalTo("UP"))
                .body("checks[0].data.source", equalTo("file " + file))
                .body("checks[0].data.projects", equalTo(2));
    }

    @Test
    @Order(6)
    void followsChangesOfTheFileAndKeepsTheLastGoodConfigWhenItBreaks() throws IOException {
        Files.writeString(file, ProjectsConfigFileResource.INITIAL.replace("alice", "dave"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(publishedUsers(Events.minimal("run-reloaded"))).containsExactly("google:dave@example.com", BOB));

        Files.writeString(file, "{\"projects\": [{\"displayName\": \"no slug\"}]}");
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/q/health/well").then().statusCode(503)
                        .body("checks[0].status", equalTo("DOWN"))
                        .body("checks[0].data.problem", equalTo(
                                "file " + file + ": invalid projects config: projects[0].project: is required")));
        assertThat(publishedUsers(Events.minimal("run-last-good"))).as("the last good config stays in use")
                .containsExactly("google:dave@example.com", BOB);

        Files.writeString(file, ProjectsConfigFileResource.INITIAL);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/q/health/well").then().statusCode(200).body("checks[0].status", equalTo("UP")));
        assertThat(publishedUsers(Events.minimal("run-fixed"))).containsExactly(ALICE, BOB);
    }

    private List<String> publishedUsers(ObjectNode event) {
        String streamId = publish(event).statusCode(202).extract().path("streamId");
        return Json.strings(Json.parse(StreamContents.event(redis, streamId)).get("visibility").get("responsibleUsers"));
    }
}
