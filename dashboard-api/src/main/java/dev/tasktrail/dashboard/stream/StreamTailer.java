package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.service.stream.RedisReplies.RawEntry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The replica's one reader of the stream: loads the newest {@code TASK_DASHBOARD_REPLAY_LIMIT} entries into the hub
 * at start-up, then follows the stream with blocking {@code XREAD}s from the last id it saw, over a Redis client of
 * its own ({@value #CLIENT}) so a waiting read never holds a connection that snapshots need.
 *
 * <p>After a failure (Redis down, restarted, unreachable) it backs off and reads again from the same id: entries added
 * meanwhile arrive then, none twice. While it cannot read, readiness is DOWN ({@code StreamTailerHealthCheck}): the
 * replica's streams would be silent.
 */
@ApplicationScoped
public class StreamTailer {

    /** The named Quarkus Redis client the blocking reads use. */
    public static final String CLIENT = "stream-tail";

    private static final Logger LOG = Logger.getLogger(StreamTailer.class);

    private final StreamReader reader;
    private final TaskStreamHub hub;
    private final StreamMetrics metrics;
    private final DashboardConfig.Dashboard settings;

    private volatile StreamEntryId lastRead;
    private volatile boolean reading;
    private volatile String lastFailure;
    private Cancellable loop;

    StreamTailer(@RedisClientName(CLIENT) Redis redis, DashboardConfig config, TaskStreamHub hub, StreamMetrics metrics) {
        this.reader = StreamReader.of(redis, config);
        this.hub = hub;
        this.metrics = metrics;
        this.settings = config.dashboard();
    }

    void onStart(@Observes StartupEvent event) {
        DashboardConfig.Tailer tailer = settings.stream().tailer();
        loop = Multi.createBy().repeating().uni(this::step).indefinitely()
                .subscribe().with(ignored -> {
                }, failure -> LOG.error("The stream tailer stopped", failure));
        LOG.infof("Tailing the stream: reads of up to %d entries, blocking %d ms, %d in memory for resumes",
                tailer.batchSize(), tailer.block().toMillis(), settings.replayLimit());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop != null) {
            loop.cancel();
        }
        hub.closeAll();
    }

    /** True while the last read succeeded. */
    public boolean isReading() {
        return reading;
    }

    /** The last entry read, or null before the window is loaded. */
    public StreamEntryId lastRead() {
        return lastRead;
    }

    /** Why the last read failed, or null. */
    public String lastFailure() {
        return lastFailure;
    }

    /** One read: the window at first, then the next entries; failures are retried with backoff from the same id. */
    private Uni<Void> step() {
        DashboardConfig.Tailer tailer = settings.stream().tailer();
        return Uni.createFrom().deferred(() -> lastRead == null ? loadWindow() : readNext(tailer))
                .onFailure().invoke(this::failed)
                .onFailure().retry().withBackOff(tailer.retryMinBackoff(), tailer.retryMaxBackoff()).indefinitely();
    }

    private Uni<Void> loadWindow() {
        return reader.newest(settings.replayLimit()).map(range -> {
            hub.load(range.entries(), range.coveredFrom(), range.upTo());
            lastRead = range.upTo();
            succeeded();
            LOG.infof("Loaded %d recent events; following the stream after %s", range.entries().size(), lastRead);
            return null;
        });
    }

    private Uni<Void> readNext(DashboardConfig.Tailer tailer) {
        StreamEntryId after = lastRead;
        return reader.next(after, tailer.batchSize(), tailer.block().toMillis()).map(entries -> {
            succeeded();
            if (!entries.isEmpty()) {
                StreamEntryId upTo = StreamReader.lastId(entries, after);
                hub.append(StreamReader.decode(entries), upTo);
                lastRead = upTo;
                recordLag(entries);
            }
            return null;
        });
    }

    private void recordLag(List<RawEntry> entries) {
        StreamEntryId newest = StreamEntryId.parse(entries.get(entries.size() - 1).id());
        metrics.tailerLag(Duration.between(Instant.ofEpochMilli(newest.millis()), Instant.now()));
    }

    private void succeeded() {
        if (!reading) {
            if (lastFailure != null) {
                LOG.infof("The stream tailer reads again after %s", lastRead);
            }
            reading = true;
            lastFailure = null;
        }
    }

    private void failed(Throwable failure) {
        metrics.tailerFailed();
        if (reading || lastFailure == null) {
            LOG.warnf("The stream tailer cannot read (retrying with backoff): %s", failure.toString());
        }
        reading = false;
        lastFailure = failure.toString();
    }
}
