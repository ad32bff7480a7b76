package dev.tasktrail.publisher.rest;

import static dev.tasktrail.publisher.ApiClient.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Auth on ({@code TASK_PUBLISHER_API_KEYS=test-key,second-test-key} in the test profile). */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiKeyAuthTest {

    @Inject
    RedisDataSource redis;

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearer wrong-key", "Bearer test-key-but-longer", "Bearer test-ke",
        "Basic dGVzdC1rZXk6", "test-key"})
    void refusesRequestsWithoutAKnownKey(String authorization) {
        String body = Json.write(Events.minimal("run-unauthorized"));

        given().header("Authorization", authorization).contentType(ContentType.JSON).body(body)
                .post("/v1/events").then()
                .statusCode(401)
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("publisher_unauthorized"));
        given().header("Authorization", authorization).contentType(ContentType.JSON).body("{\"events\":[" + body + "]}")
                .post("/v1/events/batch").then()
                .statusCode(401)
                .body("error", equalTo("publisher_unauthorized"));
        assertThat(StreamContents.entries(redis)).noneMatch(entry -> entry.payload().get("event").contains("run-unauthorized"));
    }

    @Test
    void refusesARequestWithoutAuthorizationHeader() {
        given().contentType(ContentType.JSON).body(Json.write(Events.minimal("run-anonymous")))
                .post("/v1/events").then()
                .statusCode(401)
                .body("error", equalTo("publisher_unauthorized"));
    }

    @Test
    void acceptsEveryConfiguredKey() {
        publish(Events.minimal("run-first-key")).statusCode(202);
        given().header("Authorization", "bearer second-test-key").contentType(ContentType.JSON)
                .body(Json.write(Events.minimal("run-second-key")))
                .post("/v1/events").then()
                .statusCode(202);
    }

    @Test
    void keepsHealthMetricsAndOpenApiOpen() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
