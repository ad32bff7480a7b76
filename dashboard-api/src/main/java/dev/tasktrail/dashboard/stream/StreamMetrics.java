package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.stream.SseFrames.RefreshReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Meters of the stream ({@code /q/metrics}): {@code tasktrail.dashboard.stream.subscribers} (gauge),
 * {@code .events.sent}, {@code .replays} (tag {@code source}: {@code memory}, {@code redis}),
 * {@code .refresh.required} (tag {@code reason}), {@code .slow.consumer.resets},
 * {@code .slow.consumer.disconnects}, and the tailer's {@code .tailer.lag} (timer: entry id time to read) and
 * {@code .tailer.failures}.
 */
@ApplicationScoped
public class StreamMetrics {

    private static final String PREFIX = "tasktrail.dashboard.stream.";

    private final Counter eventsSent;
    private final Counter replaysFromMemory;
    private final Counter replaysFromRedis;
    private final Map<RefreshReason, Counter> refreshRequired = new EnumMap<>(RefreshReason.class);
    private final Counter slowConsumerResets;
    private final Counter slowConsumerDisconnects;
    private final Timer tailerLag;
    private final Counter tailerFailures;

    StreamMetrics(MeterRegistry registry, TaskStreamHub hub) {
        Gauge.builder(PREFIX + "subscribers", hub, TaskStreamHub::subscriberCount)
                .description("Open streams on this replica").register(registry);
        eventsSent = Counter.builder(PREFIX + "events.sent")
                .description("task_status_updated messages written to clients").register(registry);
        replaysFromMemory = replays(registry, "memory");
        replaysFromRedis = replays(registry, "redis");
        for (RefreshReason reason : RefreshReason.values()) {
            refreshRequired.put(reason, Counter.builder(PREFIX + "refresh.required").tag("reason", reason.wireName())
                    .description("snapshot_refresh_required messages sent").register(registry));
        }
        slowConsumerResets = Counter.builder(PREFIX + "slow.consumer.resets")
                .description("Clients whose queue overflowed and were told to reload").register(registry);
        slowConsumerDisconnects = Counter.builder(PREFIX + "slow.consumer.disconnects")
                .description("Clients disconnected for not reading at all").register(registry);
        tailerLag = Timer.builder(PREFIX + "tailer.lag")
                .description("From an entry's id time (when Redis added it) to when the tailer read it")
                .publishPercentiles(0.5, 0.99).register(registry);
        tailerFailures = Counter.builder(PREFIX + "tailer.failures")
                .description("Failed reads of the stream by the tailer").register(registry);
    }

    private static Counter replays(MeterRegistry registry, String source) {
        return Counter.builder(PREFIX + "replays").tag("source", source)
                .description("Resumes served by replaying updates after the client's cursor").register(registry);
    }

    void eventsSent(int count) {
        eventsSent.increment(count);
    }

    void replayedFromMemory() {
        replaysFromMemory.increment();
    }

    void replayedFromRedis() {
        replaysFromRedis.increment();
    }

    void refreshRequired(RefreshReason reason) {
        refreshRequired.get(reason).increment();
    }

    void slowConsumerReset() {
        slowConsumerResets.increment();
    }

    void slowConsumerDisconnected() {
        slowConsumerDisconnects.increment();
    }

    void tailerLag(Duration lag) {
        tailerLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    void tailerFailed() {
        tailerFailures.increment();
    }
}
