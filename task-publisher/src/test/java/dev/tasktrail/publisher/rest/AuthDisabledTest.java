package dev.tasktrail.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code TASK_PUBLISHER_AUTH_DISABLED=true} and no keys: the service starts and accepts anyone. */
@QuarkusTest
@TestProfile(AuthDisabledTest.AuthDisabled.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AuthDisabledTest {

    public static class AuthDisabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.publisher.auth-disabled", "true", "task.publisher.api-keys", "");
        }
    }

    @Test
    void acceptsRequestsWithoutAKey() {
        given().contentType(ContentType.JSON).body(Json.write(Events.minimal("run-open")))
                .post("/v1/events").then()
                .statusCode(202)
                .body("executionId", equalTo("run-open"));
    }

    @Test
    void ignoresAnyAuthorizationHeader() {
        given().header("Authorization", "Bearer whatever").contentType(ContentType.JSON)
                .body("{\"events\":[" + Json.write(Events.minimal("run-open-batch")) + "]}")
                .post("/v1/events/batch").then()
                .statusCode(200)
                .body("accepted", equalTo(1));
    }
}
