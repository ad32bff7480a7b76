package dev.tasktrail.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SPEC §7 "keys never logged": the whole log of a service run with API keys — start-up, accepted and refused
 * requests — holds no key, nor any piece of one long enough to matter.
 */
@QuarkusTest
@TestProfile(ApiKeysNeverLoggedTest.LoggedToAFile.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ApiKeysNeverLoggedTest {

    static final String FIRST_KEY = "tp_Kq8vZ2mR7xWn4LpT";
    static final String SECOND_KEY = "tp_Hs3cYe9bNf6uQa1D";
    /** Shaped like a key and one character off the first: a filter that logged "almost right" keys would show it. */
    static final String LOOKALIKE_KEY = "tp_Kq8vZ2mR7xWn4LpU";
    static final Path LOG = Path.of("target", "test-logs", "api-keys-never-logged.log");
    /** Pieces this long of a key would narrow a guess down; random text of the log never matches one by chance. */
    static final int FRAGMENT_LENGTH = 8;

    public static class LoggedToAFile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "task.publisher.api-keys", FIRST_KEY + "," + SECOND_KEY,
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString(),
                    // A fresh file per start, so the start-up of this very run is in it.
                    "quarkus.log.file.rotation.rotate-on-boot", "true",
                    // Our code at DEBUG, and every request in the log: the check covers what an operator may turn on.
                    "quarkus.log.category.\"dev.tasktrail\".level", "DEBUG",
                    "quarkus.http.access-log.enabled", "true");
        }
    }

    @Test
    void noKeyReachesTheLog() throws IOException {
        String event = Json.write(Events.minimal("run-logged"));
        post("/v1/events", "Bearer " + FIRST_KEY, event).then().statusCode(202);
        post("/v1/events/batch", "Bearer " + SECOND_KEY, "{\"events\": [" + event + "]}").then().statusCode(200);
        post("/v1/events", "Bearer " + FIRST_KEY, "{\"executionId\": ").then().statusCode(400);
        post("/v1/events", "Bearer " + LOOKALIKE_KEY, event).then().statusCode(401);
        post("/v1/events", FIRST_KEY, event).then().statusCode(401);
        post("/v1/events/batch", "Bearer " + LOOKALIKE_KEY, "{\"events\": []}").then().statusCode(401);

        // The access log proves that the requests were captured, not only the start-up.
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(log().lines().filter(line -> line.contains("\"POST /v1/events"))).hasSize(6));
        String log = log();
        assertThat(log).contains("API key auth with 2 keys");
        for (String key : List.of(FIRST_KEY, SECOND_KEY, LOOKALIKE_KEY)) {
            assertThat(fragments(key)).allSatisfy(fragment -> assertThat(log).doesNotContain(fragment));
        }
    }

    private static Response post(String path, String authorization, String body) {
        return given().header("Authorization", authorization).contentType(ContentType.JSON).body(body).post(path);
    }

    private static List<String> fragments(String key) {
        return IntStream.rangeClosed(0, key.length() - FRAGMENT_LENGTH)
                .mapToObj(start -> key.substring(start, start + FRAGMENT_LENGTH))
                .toList();
    }

    private static String log() throws IOException {
        return Files.readString(LOG, StandardCharsets.UTF_8);
    }
}
