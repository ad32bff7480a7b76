package dev.tasktrail.dashboard.stream;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.tasktrail.dashboard.ConnectionProxy;
import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.stream.SseClient.Message;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
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
 * The tailer survives Redis going away: its readiness check turns DOWN while it cannot read, open streams stay open,
 * and once it reads again every event appended meanwhile arrives exactly once, in order. The tailer reaches Redis
 * through a proxy ({@link TailerProxiedRedisResource}), so the test can keep it away from the restarted Redis while it
 * appends: those entries are certainly appended while the tailer cannot read.
 */
@QuarkusTest
@WithTestResource(value = TailerProxiedRedisResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class TailerRecoveryTest {

    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");
    private static final String TAILER_CHECK = "dashboard-stream-tailer";

    @InjectTokenMinter
    TokenMinter tokens;

    @InjectRedisServer
    RedisServer server;

    /** The tailer's connection to Redis. */
    ConnectionProxy tailerLink;

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/dashboard/tasks/stream")
    URI streamUri;

    @Test
    void deliversEverythingAppendedWhileItCouldNotReadExactlyOnceInOrder() {
        assumeTrue(server.canRestart(), "an external Redis is not ours to stop");
        Projection projection = new Projection(redis);
        List<String> expected = new ArrayList<>();
        try (SseClient client = SseClient.open(streamUri,
                Map.of("Authorization", "Bearer " + Viewers.verifiedEmail(tokens, "viewer@example.com")))) {
            client.awaitMessage(message -> message.event().equals(SseFrames.KEEPALIVE));
            for (int i = 0; i < 3; i++) {
                expected.add(projection.publish(event("before-" + i)).toString());
            }
            client.awaitUpdates(3);
            assertThat(tailerCheck()).isEqualTo("UP");

            server.stop();
            awaitTailerCheck("DOWN");
            tailerLink.cut();
            server.restart();
            for (int i = 0; i < 5; i++) {
                expected.add(projection.publish(event("during-outage-" + i)).toString());
            }
            assertThat(tailerCheck()).as("the tailer has not read since the outage").isEqualTo("DOWN");
            assertThat(client.updateIds()).containsExactlyElementsOf(expected.subList(0, 3));

            tailerLink.restore();
            awaitTailerCheck("UP");
            assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
            expected.add(projection.publish(event("live")).toString());
            // Arrives after any duplicate of the outage's entries would have: the tailer reads in stream order.
            assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
            assertThat(client.ended()).isFalse();
        }
    }

    /** The status of the tailer's own readiness check (the Redis client's check fails with Redis, too). */
    private static String tailerCheck() {
        return given().get("/q/health/ready").then().extract()
                .path("checks.find { it.name == '" + TAILER_CHECK + "' }.status");
    }

    private static void awaitTailerCheck(String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(tailerCheck()));
    }

    private static TaskEvent event(String executionId) {
        return Projection.event(executionId, "acme/rocket", TaskStatus.IN_PROGRESS, START);
    }
}
