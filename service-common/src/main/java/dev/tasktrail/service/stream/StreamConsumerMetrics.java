package dev.tasktrail.service.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * The loop's Micrometer meters, tagged {@code stream}, {@code group} and {@code consumer} (Prometheus:
 * {@code tasktrail_stream_consumer_*}). Names are listed in {@link StreamConsumerLoop}.
 */
final class StreamConsumerMetrics {

    static final String PREFIX = "tasktrail.stream.consumer.";

    private final Counter read;
    private final Counter claimed;
    private final Counter deadLetteredInvalid;
    private final Counter deadLetteredMaxDeliveries;
    private final Counter acknowledged;
    private final Counter failed;
    private final Counter redisFailures;
    private final Timer batchDuration;
    private final AtomicLong lag = new AtomicLong(-1);
    private final AtomicLong pending = new AtomicLong(-1);

    StreamConsumerMetrics(MeterRegistry registry, StreamConsumerSettings settings, Supplier<Number> inFlight) {
        Tags tags = Tags.of("stream", settings.streamKey(), "group", settings.group(), "consumer", settings.consumer());
        read = Counter.builder(PREFIX + "entries.read")
                .description("Entries read from the stream: new, own pending and claimed")
                .tags(tags).register(registry);
        claimed = Counter.builder(PREFIX + "entries.claimed")
                .description("Entries claimed from consumers that left them pending too long")
                .tags(tags).register(registry);
        deadLetteredInvalid = Counter.builder(PREFIX + "entries.dead.lettered")
                .description("Entries moved to the dead-letter stream")
                .tags(tags).tag("reason", "invalid").register(registry);
        deadLetteredMaxDeliveries = Counter.builder(PREFIX + "entries.dead.lettered")
                .description("Entries moved to the dead-letter stream")
                .tags(tags).tag("reason", "max_deliveries").register(registry);
        acknowledged = Counter.builder(PREFIX + "entries.acknowledged")
                .description("Entries acknowledged after their effect was stored")
                .tags(tags).register(registry);
        failed = Counter.builder(PREFIX + "entries.failed")
                .description("Entries a handler gave up on, left pending for another delivery")
                .tags(tags).register(registry);
        redisFailures = Counter.builder(PREFIX + "failures")
                .description("Failed loop steps (Redis unreachable, handler failure), each followed by a backoff")
                .tags(tags).register(registry);
        batchDuration = Timer.builder(PREFIX + "batch.duration")
                .description("From a batch read to its handler being done with it")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "group.lag", lag, value -> value.get() < 0 ? Double.NaN : value.get())
                .description("Entries of the stream not yet delivered to the group (XINFO GROUPS lag)")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "group.pending", pending, value -> value.get() < 0 ? Double.NaN : value.get())
                .description("Entries delivered to the group and not yet acknowledged (XINFO GROUPS pending)")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "in.flight", inFlight)
                .description("Entries this consumer's handler holds and has not settled yet")
                .tags(tags).register(registry);
    }

    void read(int count) {
        read.increment(count);
    }

    void claimed(int count) {
        claimed.increment(count);
    }

    void deadLetteredInvalid(int count) {
        deadLetteredInvalid.increment(count);
    }

    void deadLetteredMaxDeliveries(int count) {
        deadLetteredMaxDeliveries.increment(count);
    }

    void acknowledged(int count) {
        acknowledged.increment(count);
    }

    void failed() {
        failed.increment();
    }

    void redisFailure() {
        redisFailures.increment();
    }

    void batchDone(long startedNanos) {
        batchDuration.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    /** Unknown values (Redis cannot tell the lag after deletions) are reported as NaN. */
    void groupInfo(long lagOrMinusOne, long pendingOrMinusOne) {
        lag.set(lagOrMinusOne);
        pending.set(pendingOrMinusOne);
    }
}
