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
        read = counter(registry, tags, "entries.read", "Entries read from the stream: new, own pending and claimed");
        claimed = counter(registry, tags, "entries.claimed",
                "Entries claimed from consumers that left them pending too long");
        deadLetteredInvalid = counter(registry, tags.and("reason", "invalid"), "entries.dead.lettered",
                "Entries moved to the dead-letter stream");
        deadLetteredMaxDeliveries = counter(registry, tags.and("reason", "max_deliveries"), "entries.dead.lettered",
                "Entries moved to the dead-letter stream");
        acknowledged = counter(registry, tags, "entries.acknowledged",
                "Entries acknowledged after their effect was stored");
        failed = counter(registry, tags, "entries.failed",
                "Entries a handler gave up on, left pending for another delivery");
        redisFailures = counter(registry, tags, "failures",
                "Failed loop steps (Redis unreachable, handler failure), each followed by a backoff");
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

    private static Counter counter(MeterRegistry registry, Tags tags, String name, String description) {
        return Counter.builder(PREFIX + name).description(description).tags(tags).register(registry);
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
