package dev.tasktrail.service.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The consumer loop against a real Redis: every test uses a stream of its own. */
class StreamConsumerLoopTest {

    private static final String GROUP = "test-group";
    private static final Duration WAIT = Duration.ofSeconds(20);

    private static RedisFixture redis;

    private final List<StreamConsumerLoop> loops = new ArrayList<>();
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private String stream;

    @BeforeAll
    static void startRedis() {
        redis = new RedisFixture();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @BeforeEach
    void nameStream(TestInfo test) {
        stream = "test-events:" + test.getTestMethod().orElseThrow().getName();
    }

    @AfterEach
    void stopLoops() {
        // Stopping waits for handlers; one that never lets go must not keep the others running.
        loops.forEach(loop -> loop.stop().ifNoItem().after(Duration.ofSeconds(5)).recoverWithItem((Void) null)
                .await().indefinitely());
    }

    /** Fast settings: short blocking reads and backoff, claims only when a test shortens claimIdle. */
    private StreamConsumerSettings settings(String consumer) {
        return StreamConsumerSettings.defaults(stream, GROUP, consumer)
                .withBatchSize(10)
                .withBlock(Duration.ofMillis(200))
                .withRetryBackoff(Duration.ofMillis(50), Duration.ofMillis(400));
    }

    private StreamConsumerLoop start(StreamConsumerSettings settings, StreamEntryHandler handler) {
        StreamConsumerLoop loop = new StreamConsumerLoop(settings, redis.redis, redis.redis, handler, meters);
        loops.add(loop);
        loop.start();
        return loop;
    }

    private double counter(String name, String consumer) {
        return meters.find(StreamConsumerMetrics.PREFIX + name).tag("consumer", consumer).counters().stream()
                .mapToDouble(counter -> counter.count()).sum();
    }

    /** Records every entry it gets and acknowledges each batch at once (the projector's style). */
    private static final class AcknowledgingHandler implements StreamEntryHandler {
        final List<ConsumedEntry> handled = new CopyOnWriteArrayList<>();

        @Override
        public Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
            handled.addAll(entries);
            return acknowledger.ack(entries);
        }

        List<String> ids() {
            return handled.stream().map(entry -> entry.id().toString()).toList();
        }
    }

    @Test
    void createsTheGroupFromTheStartOfTheStreamAndHandsOverEveryEntryInOrder() {
        List<String> before = redis.xaddEvents(stream, 15);
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1"), handler);
        await().atMost(WAIT).until(() -> handler.handled.size() == 15);
        List<String> after = redis.xaddEvents(stream, 5);

        await().atMost(WAIT).until(() -> handler.handled.size() == 20);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(handler.ids()).containsExactlyElementsOf(all);
        assertThat(handler.handled).allSatisfy(entry -> {
            assertThat(entry.deliveryCount()).isEqualTo(1);
            assertThat(entry.event().executionId()).startsWith("exec-");
            assertThat(entry.json()).contains("\"executionId\":\"" + entry.event().executionId() + "\"");
        });
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        assertThat(counter("entries.read", "c1")).isEqualTo(20);
        assertThat(counter("entries.acknowledged", "c1")).isEqualTo(20);
    }

    @Test
    void joinsAnExistingGroupAndSharesTheWork() {
        redis.createGroup(stream, GROUP);
        AcknowledgingHandler first = new AcknowledgingHandler();
        AcknowledgingHandler second = new AcknowledgingHandler();
        start(settings("c1"), first);
        start(settings("c2"), second); // BUSYGROUP is no failure

        List<String> ids = redis.xaddEvents(stream, 200);

        await().atMost(WAIT).until(() -> first.handled.size() + second.handled.size() == 200);
        List<String> handled = new ArrayList<>(first.ids());
        handled.addAll(second.ids());
        assertThat(handled).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(counter("failures", "c1") + counter("failures", "c2")).isZero();
    }

    @Test
    void readsItsOwnPendingEntriesBeforeNewOnes() {
        redis.createGroup(stream, GROUP);
        List<String> pending = redis.xaddEvents(stream, 3);
        assertThat(redis.readAs(stream, GROUP, "c1", 10)).isEqualTo(3); // a previous run of c1 never acknowledged
        List<String> fresh = redis.xaddEvents(stream, 2);
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1"), handler);

        await().atMost(WAIT).until(() -> handler.handled.size() == 5);
        List<String> expected = new ArrayList<>(pending);
        expected.addAll(fresh);
        assertThat(handler.ids()).containsExactlyElementsOf(expected);
        assertThat(handler.handled.subList(0, 3)).allSatisfy(entry -> assertThat(entry.deliveryCount()).isEqualTo(2));
        assertThat(handler.handled.subList(3, 5)).allSatisfy(entry -> assertThat(entry.deliveryCount()).isEqualTo(1));
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
    }

    @Test
    void deadLettersInvalidEntriesWithTheGroupAndReasonAndKeepsGoing() {
        String notJson = redis.xaddEvent(stream, "{not json");
        String missingStatus = redis.xaddEvent(stream, RedisFixture.validEvent("exec-a").replace(
                "\"status\":\"in_progress\",", ""));
        String badStatus = redis.xaddEvent(stream, RedisFixture.validEvent("exec-b").replace(
                "\"status\":\"in_progress\"", "\"status\":\"done\""));
        String noEventField = redis.xadd(stream, "payload", "something else");
        String valid = redis.xaddEvent(stream, RedisFixture.validEvent("exec-ok"));
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1"), handler);

        await().atMost(WAIT).until(() -> redis.deadLetters(stream).size() == 4 && handler.handled.size() == 1);
        assertThat(handler.ids()).containsExactly(valid);
        List<Map<String, String>> deadLetters = redis.deadLetters(stream);
        assertThat(deadLetters).extracting(entry -> entry.get(RedisKeys.DeadLetter.ENTRY_ID))
                .containsExactly(notJson, missingStatus, badStatus, noEventField);
        assertThat(deadLetters).allSatisfy(entry -> assertThat(entry.get(RedisKeys.DeadLetter.GROUP)).isEqualTo(GROUP));
        assertThat(deadLetters.get(0).get(RedisKeys.DeadLetter.EVENT)).isEqualTo("{not json");
        assertThat(deadLetters.get(0).get(RedisKeys.DeadLetter.REASON)).contains("malformed JSON");
        assertThat(deadLetters.get(1).get(RedisKeys.DeadLetter.REASON)).contains("status");
        assertThat(deadLetters.get(2).get(RedisKeys.DeadLetter.EVENT)).contains("\"status\":\"done\"");
        assertThat(deadLetters.get(2).get(RedisKeys.DeadLetter.REASON)).contains("status");
        assertThat(deadLetters.get(3).get(RedisKeys.DeadLetter.EVENT)).isEmpty();
        assertThat(deadLetters.get(3).get(RedisKeys.DeadLetter.REASON)).contains("no 'event' field");
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        assertThat(meters.find(StreamConsumerMetrics.PREFIX + "entries.dead.lettered").tag("reason", "invalid")
                .counter().count()).isEqualTo(4);
    }

    @Test
    void claimsAndHandlesTheEntriesOfAVanishedConsumer() {
        redis.createGroup(stream, GROUP);
        List<String> orphans = redis.xaddEvents(stream, 4);
        assertThat(redis.readAs(stream, GROUP, "vanished", 10)).isEqualTo(4);
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1").withClaiming(Duration.ofMillis(300), Duration.ofMillis(100)), handler);

        await().atMost(WAIT).until(() -> handler.handled.size() == 4);
        assertThat(handler.ids()).containsExactlyElementsOf(orphans);
        assertThat(handler.handled).allSatisfy(entry -> assertThat(entry.deliveryCount()).isEqualTo(2));
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        assertThat(counter("entries.claimed", "c1")).isEqualTo(4);
    }

    @Test
    void deadLettersAnEntryDeliveredTooOftenWithItsLastError() {
        List<String> ids = redis.xaddEvents(stream, 3);
        String poison = ids.get(1);
        List<ConsumedEntry> poisonDeliveries = new CopyOnWriteArrayList<>();
        StreamEntryHandler handler = (entries, acknowledger) -> {
            List<ConsumedEntry> done = new ArrayList<>();
            for (ConsumedEntry entry : entries) {
                if (entry.id().toString().equals(poison)) {
                    poisonDeliveries.add(entry);
                    acknowledger.fail(entry, new IllegalStateException("cannot project attempt " + entry.deliveryCount()));
                } else {
                    done.add(entry);
                }
            }
            return acknowledger.ack(done);
        };

        start(settings("c1").withClaiming(Duration.ofMillis(200), Duration.ofMillis(50)).withMaxDeliveries(3), handler);

        await().atMost(WAIT).until(() -> redis.deadLetters(stream).size() == 1);
        assertThat(poisonDeliveries).extracting(ConsumedEntry::deliveryCount).containsExactly(1, 2, 3);
        Map<String, String> deadLetter = redis.deadLetters(stream).get(0);
        assertThat(deadLetter.get(RedisKeys.DeadLetter.ENTRY_ID)).isEqualTo(poison);
        assertThat(deadLetter.get(RedisKeys.DeadLetter.REASON))
                .contains("delivered 4 times, more than the limit of 3")
                .contains("cannot project attempt 3");
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        assertThat(meters.find(StreamConsumerMetrics.PREFIX + "entries.dead.lettered").tag("reason", "max_deliveries")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void deadLettersAnEntryWhoseConsumersKeptCrashing() {
        redis.createGroup(stream, GROUP);
        String poison = redis.xaddEvents(stream, 1).get(0);
        assertThat(redis.readAs(stream, GROUP, "crashed", 1)).isEqualTo(1);
        for (int crash = 0; crash < 5; crash++) {
            redis.send("XCLAIM", stream, GROUP, "crashed", 0, poison); // each restart of a crashing pod
        }
        assertThat(redis.deliveries(stream, GROUP, poison)).isEqualTo(6);
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1").withClaiming(Duration.ofMillis(100), Duration.ofMillis(50)), handler);

        await().atMost(WAIT).until(() -> redis.deadLetters(stream).size() == 1);
        assertThat(redis.deadLetters(stream).get(0).get(RedisKeys.DeadLetter.REASON))
                .contains("delivered 7 times, more than the limit of 5")
                .contains("may have crashed");
        assertThat(handler.handled).isEmpty();
        assertThat(redis.pendingCount(stream, GROUP)).isZero();
    }

    @Test
    void acknowledgesEntriesDeletedWhilePending() {
        redis.createGroup(stream, GROUP);
        List<String> ids = redis.xaddEvents(stream, 2);
        redis.readAs(stream, GROUP, "c1", 10);
        redis.send("XDEL", stream, ids.get(0));
        AcknowledgingHandler handler = new AcknowledgingHandler();

        start(settings("c1"), handler);

        await().atMost(WAIT).until(() -> handler.handled.size() == 1);
        assertThat(handler.ids()).containsExactly(ids.get(1));
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
    }

    /**
     * The archiver's style: entries go into a bounded buffer, the Uni completes only when there is room, and a
     * different thread acknowledges later.
     */
    private static final class BufferingHandler implements StreamEntryHandler {
        final int capacity;
        final List<ConsumedEntry> buffer = new ArrayList<>();
        final AtomicInteger received = new AtomicInteger();
        final AtomicInteger largestBuffer = new AtomicInteger();
        Acknowledger acknowledger;
        CompletableFuture<Void> room = CompletableFuture.completedFuture(null);

        BufferingHandler(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public synchronized Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
            this.acknowledger = acknowledger;
            buffer.addAll(entries);
            received.addAndGet(entries.size());
            largestBuffer.accumulateAndGet(buffer.size(), Math::max);
            if (buffer.size() >= capacity) {
                room = new CompletableFuture<>();
            }
            return Uni.createFrom().completionStage(room);
        }

        synchronized int buffered() {
            return buffer.size();
        }

        /** Like a flush: acknowledges everything buffered, from the calling thread, then makes room. */
        Uni<Void> flush() {
            List<ConsumedEntry> flushed;
            CompletableFuture<Void> waiting;
            synchronized (this) {
                flushed = List.copyOf(buffer);
                buffer.clear();
                waiting = room;
            }
            return acknowledger.ack(flushed).invoke(() -> waiting.complete(null));
        }
    }

    @Test
    void stopsReadingWhileTheHandlersBufferIsFullAndAcceptsLateAcknowledgementsFromAnotherThread() {
        List<String> ids = redis.xaddEvents(stream, 95);
        BufferingHandler handler = new BufferingHandler(30);

        StreamConsumerLoop loop = start(settings("c1"), handler);

        await().atMost(WAIT).until(() -> handler.buffered() == 30);
        // Full: the loop reads nothing more, however long the flush takes.
        await().during(Duration.ofMillis(600)).atMost(WAIT).until(() -> handler.received.get() == 30);
        assertThat(redis.pendingCount(stream, GROUP)).isEqualTo(30);
        assertThat(loop.inFlightCount()).isEqualTo(30);

        AtomicReference<Throwable> flushFailure = new AtomicReference<>();
        Thread flusher = new Thread(() -> {
            while (handler.received.get() < 95 || handler.buffered() > 0) {
                try {
                    handler.flush().await().atMost(WAIT);
                } catch (RuntimeException e) {
                    flushFailure.set(e);
                    return;
                }
            }
        });
        flusher.start();

        await().atMost(WAIT).until(() -> !flusher.isAlive());
        assertThat(flushFailure.get()).isNull();
        assertThat(handler.largestBuffer.get()).isLessThanOrEqualTo(30);
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        assertThat(counter("entries.acknowledged", "c1")).isEqualTo(ids.size());
        assertThat(loop.inFlightCount()).isZero();
    }

    @Test
    void keepsEntriesItsHandlerHoldsFromBeingClaimedByOthers() {
        redis.xaddEvents(stream, 10);
        BufferingHandler holder = new BufferingHandler(10);
        StreamConsumerSettings claimFast = settings("holder").withClaiming(Duration.ofSeconds(1), Duration.ofMillis(100));
        start(claimFast, holder);
        await().atMost(WAIT).until(() -> holder.buffered() == 10);

        AcknowledgingHandler other = new AcknowledgingHandler();
        start(claimFast.withConsumer("claimer"), other);

        // Three times the claim idle time: the holder keeps its entries fresh, the other never claims them.
        await().during(Duration.ofSeconds(3)).atMost(WAIT).until(() -> other.handled.isEmpty()
                && redis.pendingByConsumer(stream, GROUP).getOrDefault("holder", List.of()).size() == 10);
        assertThat(counter("entries.claimed", "claimer")).isZero();

        holder.flush().await().atMost(WAIT);
        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
    }

    @Test
    void survivesARedisRestartWithoutLosingAnEntry() {
        List<String> ids = new ArrayList<>(redis.xaddEvents(stream, 300));
        Set<String> handled = ConcurrentHashMap.newKeySet();
        StreamEntryHandler slowAcknowledging = (entries, acknowledger) -> {
            entries.forEach(entry -> handled.add(entry.id().toString()));
            return Uni.createFrom().voidItem()
                    .onItem().delayIt().by(Duration.ofMillis(20))
                    .chain(() -> acknowledger.ack(entries));
        };
        StreamConsumerLoop loop = start(settings("c1"), slowAcknowledging);
        await().atMost(WAIT).until(() -> handled.size() >= 50);

        redis.server.stop();
        await().atMost(WAIT).until(() -> loop.state() == StreamConsumerLoop.State.RECOVERING);
        assertThat(loop.lastFailure()).isPresent();
        redis.server.restart();
        ids.addAll(redis.xaddEvents(stream, 100));

        await().atMost(WAIT).until(() -> handled.containsAll(ids) && redis.pendingCount(stream, GROUP) == 0);
        await().atMost(WAIT).until(() -> loop.state() == StreamConsumerLoop.State.RUNNING);
        assertThat(handled).hasSize(400);
    }

    @Test
    void backsOffWhileRedisIsDownInsteadOfSpinning() {
        StreamConsumerLoop loop = start(settings("c1"), new AcknowledgingHandler());
        await().atMost(WAIT).until(() -> loop.state() == StreamConsumerLoop.State.RUNNING);

        redis.server.stop();
        try {
            await().atMost(WAIT).until(() -> counter("failures", "c1") >= 1);
            // 50 ms doubling to at most 400 ms: about 8 attempts in 2.5 s; a busy loop would make thousands.
            await().during(Duration.ofMillis(2500)).atMost(WAIT).until(() -> counter("failures", "c1") <= 12);
            assertThat(loop.state()).isEqualTo(StreamConsumerLoop.State.RECOVERING);
        } finally {
            redis.server.restart();
        }
        await().atMost(WAIT).until(() -> loop.state() == StreamConsumerLoop.State.RUNNING);
    }

    @Test
    void stopFinishesTheBatchInFlightThenLeavesTheGroup() {
        redis.xaddEvents(stream, 25);
        CompletableFuture<Void> release = new CompletableFuture<>();
        List<ConsumedEntry> handled = new CopyOnWriteArrayList<>();
        StreamEntryHandler waiting = (entries, acknowledger) -> {
            handled.addAll(entries);
            return Uni.createFrom().completionStage(release).chain(() -> acknowledger.ack(entries));
        };
        StreamConsumerLoop loop = start(settings("c1"), waiting);
        await().atMost(WAIT).until(() -> handled.size() == 10);

        CompletableFuture<Void> stopped = loop.stop().subscribeAsCompletionStage();
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !stopped.isDone());
        release.complete(null);

        await().atMost(WAIT).until(stopped::isDone);
        assertThat(handled).hasSize(10); // nothing read after the stop
        assertThat(loop.state()).isEqualTo(StreamConsumerLoop.State.STOPPED);
        assertThat(redis.pendingCount(stream, GROUP)).isZero();
        assertThat(redis.consumers(stream, GROUP)).doesNotContain("c1");
    }

    @Test
    void stopLeavesWorkTheHandlerDidNotFinishPending() {
        redis.xaddEvents(stream, 5);
        List<ConsumedEntry> taken = new CopyOnWriteArrayList<>();
        StreamEntryHandler neverFinishing = (entries, acknowledger) -> {
            taken.addAll(entries);
            return Uni.createFrom().voidItem(); // took them, will acknowledge "later"
        };
        StreamConsumerLoop loop = start(settings("c1"), neverFinishing);
        await().atMost(WAIT).until(() -> taken.size() == 5);

        loop.stop().await().atMost(WAIT);

        assertThat(redis.pendingByConsumer(stream, GROUP).get("c1")).hasSize(5);
        assertThat(redis.consumers(stream, GROUP)).contains("c1");
    }

    @Test
    void aFailingHandlerGetsItsUnacknowledgedEntriesBackAfterABackoff() {
        List<String> ids = redis.xaddEvents(stream, 5);
        AtomicInteger calls = new AtomicInteger();
        List<ConsumedEntry> acknowledged = new CopyOnWriteArrayList<>();
        StreamEntryHandler failingOnce = (entries, acknowledger) -> {
            if (calls.incrementAndGet() == 1) {
                return Uni.createFrom().failure(new IllegalStateException("store unavailable"));
            }
            acknowledged.addAll(entries);
            return acknowledger.ack(entries);
        };

        start(settings("c1"), failingOnce);

        await().atMost(WAIT).until(() -> acknowledged.size() == 5);
        assertThat(acknowledged).extracting(entry -> entry.id().toString()).containsExactlyElementsOf(ids);
        assertThat(acknowledged).allSatisfy(entry -> assertThat(entry.deliveryCount()).isEqualTo(2));
        assertThat(counter("failures", "c1")).isEqualTo(1);
    }

    @Test
    void reportsGroupLagAndPending() {
        redis.xaddEvents(stream, 3);
        start(settings("c1").withClaiming(Duration.ofSeconds(30), Duration.ofMillis(100)), new AcknowledgingHandler());

        await().atMost(WAIT).until(() -> redis.pendingCount(stream, GROUP) == 0);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(meters.find(StreamConsumerMetrics.PREFIX + "group.lag").gauge().value()).isZero();
            assertThat(meters.find(StreamConsumerMetrics.PREFIX + "group.pending").gauge().value()).isZero();
        });
    }

    @Test
    void stoppingALoopThatNeverStartedTouchesNothing() {
        StreamConsumerLoop loop = new StreamConsumerLoop(settings("c1"), redis.redis, redis.redis,
                new AcknowledgingHandler(), meters);

        loop.stop().await().atMost(WAIT);

        assertThat(loop.state()).isEqualTo(StreamConsumerLoop.State.STOPPED);
        assertThat(redis.send("EXISTS", stream).toInteger()).isZero();
    }
}
