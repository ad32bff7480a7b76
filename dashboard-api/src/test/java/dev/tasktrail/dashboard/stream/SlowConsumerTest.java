package dev.tasktrail.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.model.Actor;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Visibility;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading must not hold anyone up, and must learn that it missed events: with a per-client buffer
 * of {@value #BUFFER} events, it gets {@code snapshot_refresh_required} ({@code slow_consumer}) and then live events
 * again; one that never reads is disconnected. Meanwhile a reading client gets every event.
 */
@QuarkusTest
@TestProfile(SlowConsumerTest.SmallBuffer.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SlowConsumerTest {

    static final int BUFFER = 20;
    /** Fewer than the buffer per step, so that a second overflow never follows a reset within one step. */
    private static final int EVENTS_PER_STEP = 10;
    private static final int MAX_EVENTS = 20_000;

    public static class SmallBuffer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.stream.subscriber-buffer", Integer.toString(BUFFER));
        }
    }

    @InjectTokenMinter
    TokenMinter tokens;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry meters;

    @Inject
    TaskStreamHub hub;

    @TestHTTPResource("/dashboard/tasks/stream")
    URI streamUri;

    private Projection projection;

    @BeforeEach
    void emptyStream() {
        projection = new Projection(redis);
        projection.clear();
    }

    @Test
    void aClientThatFallsBehindIsToldToReloadAndThenContinuesLive() throws Exception {
        String token = Viewers.verifiedEmail(tokens, "viewer@example.com");
        try (SseClient reader = SseClient.open(streamUri, Map.of("Authorization", "Bearer " + token));
                RawSseConnection stalled = RawSseConnection.open(streamUri, token)) {
            reader.awaitMessage(message -> message.event().equals(SseFrames.KEEPALIVE));
            double resetsBefore = resets();

            int published = publishUntil(() -> resets() > resetsBefore);

            assertThat(reader.awaitUpdates(published)).hasSize(published);
            List<String> read = stalled.readUntil(SseFrames.SNAPSHOT_REFRESH_REQUIRED);
            assertThat(read).anyMatch(message -> message.contains("event: snapshot_refresh_required")
                    && message.contains("\"reason\":\"slow_consumer\""));
            assertThat(read).filteredOn(message -> message.contains("event: task_status_updated"))
                    .hasSizeLessThan(published);

            StreamEntryId live = projection.publish(bigEvent());
            assertThat(stalled.readUntil("id: " + live)).anyMatch(message -> message.startsWith("id: " + live)
                    && message.contains("event: task_status_updated"));
            assertThat(stalled.ended()).isFalse();
        }
    }

    @Test
    void aClientThatNeverReadsIsDisconnected() throws Exception {
        String token = Viewers.verifiedEmail(tokens, "viewer@example.com");
        try (RawSseConnection stalled = RawSseConnection.open(streamUri, token)) {
            double disconnectsBefore = disconnects();

            publishUntil(() -> disconnects() > disconnectsBefore);

            List<String> read = stalled.readToEnd();
            assertThat(stalled.ended()).isTrue();
            assertThat(read).anyMatch(message -> message.contains("\"reason\":\"slow_consumer\""));
        }
    }

    /**
     * Publishes large events a few at a time until {@code done}, letting the replica read each step before judging;
     * returns how many.
     */
    private int publishUntil(BooleanSupplier done) {
        int published = 0;
        while (!done.getAsBoolean()) {
            assertThat(published).as("events published without the condition being met").isLessThan(MAX_EVENTS);
            StreamEntryId last = null;
            for (int i = 0; i < EVENTS_PER_STEP; i++) {
                last = projection.publish(bigEvent());
            }
            published += EVENTS_PER_STEP;
            StreamEntryId stepEnd = last;
            await().atMost(Duration.ofSeconds(10)).until(() -> !stepEnd.isAfter(hub.latest()));
        }
        return published;
    }

    /** About 20 KB of JSON: fills the connection's buffers with few events. */
    private static TaskEvent bigEvent() {
        String executionId = UUID.randomUUID().toString();
        List<String> prLinks = IntStream.range(0, 10)
                .mapToObj(i -> "https://github.com/acme/rocket/pull/" + i + "?" + "x".repeat(1900)).toList();
        return new TaskEvent(UUID.randomUUID().toString(), executionId, "big task", TaskStatus.IN_PROGRESS,
                "acme/rocket", Instant.now(), null, new Actor("slack", "U1"), prLinks, new Visibility(List.of()), null,
                TaskEvent.SCHEMA_VERSION);
    }

    private double resets() {
        return meters.counter("tasktrail.dashboard.stream.slow.consumer.resets").count();
    }

    private double disconnects() {
        return meters.counter("tasktrail.dashboard.stream.slow.consumer.disconnects").count();
    }
}
