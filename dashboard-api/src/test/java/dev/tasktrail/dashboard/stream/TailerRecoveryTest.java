package dev.tasktrail.dashboard.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.stream.SseClient.Message;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The tailer survives Redis going away: readiness turns DOWN while it cannot read, open streams stay open, and once
 * Redis is back every event appended since arrives exactly once, in order.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TailerRecoveryTest {

    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");

    @InjectTokenMinter
    TokenMinter tokens;

    @InjectRedisServer
    RedisServer server;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/dashboard/tasks/stream")
    URI streamUri;

    @Test
    void deliversEverythingAppendedWhileItCouldNotReadOnceRedisIsBack() {
        Projection projection = new Projection(redis);
        List<String> expected = new ArrayList<>();
        try (SseClient client = SseClient.open(streamUri,
                Map.of("Authorization", "Bearer " + Viewers.verifiedEmail(tokens, "viewer@example.com")))) {
            client.awaitMessage(message -> message.event().equals(SseFrames.KEEPALIVE));
            for (int i = 0; i < 3; i++) {
                expected.add(projection.publish(event("before-" + i)).toString());
            }
            client.awaitUpdates(3);

            server.stop();
            await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 503);
            server.restart();
            // Appended before the tailer reads again: it is still backing off, or reconnecting.
            for (int i = 0; i < 5; i++) {
                expected.add(projection.publish(event("after-" + i)).toString());
            }

            assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
            await().atMost(Duration.ofSeconds(20)).until(() -> readiness() == 200);
            StreamEntryId live = projection.publish(event("live"));
            expected.add(live.toString());
            assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
            assertThat(client.ended()).isFalse();
        }
    }

    private static int readiness() {
        return given().get("/q/health/ready").statusCode();
    }

    private static dev.tasktrail.model.TaskEvent event(String executionId) {
        return Projection.event(executionId, "acme/rocket", TaskStatus.IN_PROGRESS, START);
    }
}
