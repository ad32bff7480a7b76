package dev.tasktrail.service.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.StreamEntryId;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Settling entries by id ({@link Acknowledger#ackIds}, {@link Acknowledger#release}), for handlers that hold
 * entries long and keep only their ids, against a real Redis.
 */
class AcknowledgingByIdTest {

    private static final String GROUP = "test-group";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisFixture redis;

    private final MeterRegistry meters = new SimpleMeterRegistry();
    private StreamConsumerLoop loop;

    @BeforeAll
    static void startRedis() {
        redis = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void stopLoop() {
        loop.stop().await().atMost(WAIT);
    }

    /** Keeps the ids of what it receives, nothing else, and settles nothing by itself. */
    private static final class IdKeepingHandler implements StreamEntryHandler {
        final List<StreamEntryId> held = new CopyOnWriteArrayList<>();
        volatile Acknowledger acknowledger;

        @Override
        public Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
            this.acknowledger = acknowledger;
            entries.forEach(entry -> held.add(entry.id()));
            return Uni.createFrom().voidItem();
        }
    }

    private IdKeepingHandler startLoop(String stream) {
        IdKeepingHandler handler = new IdKeepingHandler();
        loop = new StreamConsumerLoop(StreamConsumerSettings.defaults(stream, GROUP, "c1")
                .withBlock(Duration.ofMillis(200)), redis.redis, redis.redis, handler, meters);
        loop.start();
        return handler;
    }

    @Test
    void acknowledgesByIdLater(TestInfo test) {
        String stream = "test-events:" + test.getDisplayName();
        redis.xaddEvents(stream, 5);
        IdKeepingHandler handler = startLoop(stream);
        await().atMost(WAIT).until(() -> handler.held.size() == 5);

        handler.acknowledger.ackIds(handler.held.subList(0, 3)).await().atMost(WAIT);

        assertThat(redis.pendingCount(stream, GROUP)).isEqualTo(2);
        assertThat(loop.inFlightCount()).isEqualTo(2);
        assertThat(meters.find(StreamConsumerMetrics.PREFIX + "entries.acknowledged").counter().count()).isEqualTo(3);
    }

    @Test
    void releasedEntriesStayPendingForTheirNewOwnerAndAreNoLongerHeld(TestInfo test) {
        String stream = "test-events:" + test.getDisplayName();
        redis.xaddEvents(stream, 3);
        IdKeepingHandler handler = startLoop(stream);
        await().atMost(WAIT).until(() -> handler.held.size() == 3);
        List<String> ids = handler.held.stream().map(StreamEntryId::toString).toList();
        redis.send("XCLAIM", stream, GROUP, "c2", 0, ids.get(0), ids.get(1), ids.get(2));

        handler.acknowledger.release(handler.held);

        assertThat(loop.inFlightCount()).isZero();
        assertThat(redis.pendingByConsumer(stream, GROUP)).containsOnlyKeys("c2");
        assertThat(redis.pendingByConsumer(stream, GROUP).get("c2")).containsExactlyElementsOf(ids);
        assertThat(meters.find(StreamConsumerMetrics.PREFIX + "entries.failed").counter().count()).isZero();
        assertThat(redis.deadLetters(stream)).isEmpty();
    }
}
