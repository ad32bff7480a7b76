package dev.tasktrail.publisher.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The publisher's Micrometer meters, exposed at {@code /q/metrics}:
 * <ul>
 *   <li>{@code tasktrail_publisher_events_accepted_total} — events appended to the stream;</li>
 *   <li>{@code tasktrail_publisher_events_duplicates_total} — events whose {@code eventId} was already published
 *       (answered with the first {@code streamId}, nothing appended);</li>
 *   <li>{@code tasktrail_publisher_rejected_total{reason}} — what was refused: events for {@code invalid_event}
 *       and {@code redis_unavailable}, requests for the other reasons;</li>
 *   <li>{@code tasktrail_publisher_redis_latency_seconds{outcome}} — one Redis round trip (a request's script).</li>
 * </ul>
 */
@ApplicationScoped
public class PublisherMetrics {

    /** Why something was refused; the tag value is the error code the client sees. */
    public enum Reason {
        UNAUTHORIZED, MALFORMED_JSON, INVALID_EVENT, INVALID_BATCH, PAYLOAD_TOO_LARGE, UNSUPPORTED_MEDIA_TYPE,
        REDIS_UNAVAILABLE;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Counter accepted;
    private final Counter duplicates;
    private final Map<Reason, Counter> rejected = new EnumMap<>(Reason.class);
    private final Timer redisSuccess;
    private final Timer redisFailure;

    PublisherMetrics(MeterRegistry registry) {
        accepted = Counter.builder("tasktrail.publisher.events.accepted")
                .description("Events appended to the stream")
                .register(registry);
        duplicates = Counter.builder("tasktrail.publisher.events.duplicates")
                .description("Events whose eventId was already published; answered with the first streamId")
                .register(registry);
        for (Reason reason : Reason.values()) {
            rejected.put(reason, Counter.builder("tasktrail.publisher.rejected")
                    .description("Refused events (invalid_event, redis_unavailable) or requests (other reasons)")
                    .tag("reason", reason.code())
                    .register(registry));
        }
        redisSuccess = redisTimer(registry, "success");
        redisFailure = redisTimer(registry, "failure");
    }

    public void accepted(int events) {
        accepted.increment(events);
    }

    public void duplicates(int events) {
        duplicates.increment(events);
    }

    public void rejected(Reason reason) {
        rejected(reason, 1);
    }

    public void rejected(Reason reason, int count) {
        rejected.get(reason).increment(count);
    }

    public void redisRoundTrip(long startNanos, boolean success) {
        (success ? redisSuccess : redisFailure).record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }

    private static Timer redisTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("tasktrail.publisher.redis.latency")
                .description("One publishing round trip to Redis (the idempotency and append script)")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }
}
