package dev.tasktrail.projector.retention;

import dev.tasktrail.projector.config.ProjectorConfig;
import dev.tasktrail.service.stream.LuaScript;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Keeps the stream from growing without bound. Every replica runs it (no leader needed): one atomic script
 * ({@code lua/trim-stream.lua}) works out what every consumer group on the stream still needs (its oldest pending
 * entry, or what it has not been delivered yet) and trims only entries before that, keeping at least the newest
 * {@code min-entries} and everything younger than {@code min-age}.
 */
@ApplicationScoped
public class StreamRetention {

    private static final Logger LOG = Logger.getLogger(StreamRetention.class);
    private static final LuaScript SCRIPT = LuaScript.fromResource(StreamRetention.class, "lua/trim-stream.lua", Map.of());
    /** Entries one script call trims at most, so Redis is never busy with it for long; calls repeat as needed. */
    static final int TRIM_PER_CALL = 1000;
    private static final int CALLS_PER_RUN = 100;

    private final Redis redis;
    private final ProjectorConfig config;
    private final Counter trimmed;
    private final AtomicLong length = new AtomicLong(-1);

    StreamRetention(Redis redis, ProjectorConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config;
        this.trimmed = Counter.builder("tasktrail.projector.stream.trimmed")
                .description("Entries trimmed from the stream by retention")
                .register(registry);
        Gauge.builder("tasktrail.projector.stream.length", length, value -> value.get() < 0 ? Double.NaN : value.get())
                .description("Entries in the stream after the last retention run")
                .register(registry);
    }

    /** What one trim did. */
    public record Trim(long trimmed, long remaining, String keptBy) {
    }

    @Scheduled(every = "${task.projector.retention.interval}", delayed = "${task.projector.retention.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledTrim() {
        if (!config.projector().retention().enabled()) {
            return Uni.createFrom().voidItem();
        }
        return trim()
                .onFailure().invoke(failure -> LOG.warnf("Stream retention failed, retrying next time: %s",
                        failure.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Trims what is safe to trim now, with the configured minimum history. */
    public Uni<Trim> trim() {
        ProjectorConfig.Retention retention = config.projector().retention();
        return trim(retention.minEntries(), retention.minAge());
    }

    /** Trims what is safe to trim now, in calls of at most {@value #TRIM_PER_CALL} entries. */
    Uni<Trim> trim(long minEntries, Duration minAge) {
        return trimCall(List.of(Long.toString(minEntries), Long.toString(minAge.toMillis()),
                Integer.toString(TRIM_PER_CALL)), 0, 0);
    }

    private Uni<Trim> trimCall(List<String> args, int call, long trimmedSoFar) {
        return SCRIPT.call(redis, List.of(config.tracking().redis().streamKey()), args)
                .chain(reply -> {
                    long trimmedNow = reply.get(0).toLong();
                    Trim total = new Trim(trimmedSoFar + trimmedNow, reply.get(1).toLong(), reply.get(2).toString());
                    trimmed.increment(trimmedNow);
                    length.set(total.remaining());
                    if (trimmedNow == TRIM_PER_CALL && call + 1 < CALLS_PER_RUN) {
                        return trimCall(args, call + 1, total.trimmed());
                    }
                    if (total.trimmed() > 0) {
                        LOG.debugf("Trimmed %d entries from %s; %d left, kept from there by %s", total.trimmed(),
                                config.tracking().redis().streamKey(), total.remaining(), total.keptBy());
                    }
                    return Uni.createFrom().item(total);
                });
    }
}
