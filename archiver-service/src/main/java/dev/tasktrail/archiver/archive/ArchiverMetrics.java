package dev.tasktrail.archiver.archive;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The archiver's Micrometer meters (Prometheus: {@code tasktrail_archiver_*}), tagged {@code group} and
 * {@code consumer}. The consumer loop adds its own ({@code tasktrail_stream_consumer_*}: read, claimed,
 * dead-lettered, acknowledged, lag).
 */
final class ArchiverMetrics {

    static final String PREFIX = "tasktrail.archiver.";

    /** The steps that are retried until they succeed. */
    enum Step {
        /** Recording the batch in Redis before writing it (or reading a sealed batch back). */
        SEAL,
        /** The conditional put to S3. */
        UPLOAD,
        /** Acknowledging the entries and forgetting the seal, once S3 confirmed. */
        ACKNOWLEDGE
    }

    private final Counter eventsArchived;
    private final Counter objectsCreated;
    private final Counter objectsAlreadyStored;
    private final Counter bytesWritten;
    private final Counter batchesRecovered;
    private final Counter eventsHandedOver;
    private final Timer flushDuration;
    private final Map<Step, Counter> retries = new EnumMap<>(Step.class);

    ArchiverMetrics(MeterRegistry registry, String group, String consumer, ArchiveBuffer buffer) {
        Tags tags = Tags.of("group", group, "consumer", consumer);
        eventsArchived = Counter.builder(PREFIX + "events.archived")
                .description("Events whose object S3 confirmed, then acknowledged")
                .tags(tags).register(registry);
        objectsCreated = Counter.builder(PREFIX + "objects.written")
                .description("Objects S3 confirmed: created by this put, or stored by an earlier attempt (412)")
                .tags(tags).tag("outcome", "created").register(registry);
        objectsAlreadyStored = Counter.builder(PREFIX + "objects.written")
                .description("Objects S3 confirmed: created by this put, or stored by an earlier attempt (412)")
                .tags(tags).tag("outcome", "already_stored").register(registry);
        bytesWritten = Counter.builder(PREFIX + "written")
                .description("Size of the objects this replica created")
                .baseUnit("bytes")
                .tags(tags).register(registry);
        batchesRecovered = Counter.builder(PREFIX + "batches.recovered")
                .description("Batches sealed by an earlier attempt (a crash before acknowledging) written again under "
                        + "their original name")
                .tags(tags).register(registry);
        eventsHandedOver = Counter.builder(PREFIX + "events.handed.over")
                .description("Events let go because they were archived by an earlier attempt or another consumer owns "
                        + "them now")
                .tags(tags).register(registry);
        flushDuration = Timer.builder(PREFIX + "flush.duration")
                .description("From a batch being complete to its entries acknowledged after S3 confirmed the object")
                .tags(tags).register(registry);
        for (Step step : Step.values()) {
            retries.put(step, Counter.builder(PREFIX + "retries")
                    .description("Failed attempts of a step, each retried after a backoff")
                    .tags(tags).tag("step", step.name().toLowerCase()).register(registry));
        }
        Gauge.builder(PREFIX + "buffer.events", buffer, ArchiveBuffer::heldEntries)
                .description("Events held in memory: waiting for their batch, for S3 or for acknowledgement")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "buffer.bytes", buffer, ArchiveBuffer::heldBytes)
                .description("Size of the events held in memory")
                .baseUnit("bytes")
                .tags(tags).register(registry);
        Gauge.builder(PREFIX + "buffer.fill", buffer, held -> (double) held.heldBytes() / held.capacityBytes())
                .description("Held bytes over TASK_ARCHIVER_BUFFER_MAX_BYTES; at 1 the service stops reading")
                .tags(tags).register(registry);
    }

    void written(ArchiveWriter.Outcome outcome, long bytes) {
        if (outcome == ArchiveWriter.Outcome.CREATED) {
            objectsCreated.increment();
            bytesWritten.increment(bytes);
        } else {
            objectsAlreadyStored.increment();
        }
    }

    void archived(int events, long startedNanos) {
        eventsArchived.increment(events);
        flushDuration.record(Duration.ofNanos(System.nanoTime() - startedNanos));
    }

    void recovered() {
        batchesRecovered.increment();
    }

    void handedOver(int events) {
        eventsHandedOver.increment(events);
    }

    void retried(Step step) {
        retries.get(step).increment();
    }
}
