package dev.tasktrail.archiver.archive;

import dev.tasktrail.archiver.config.ArchiverConfig;
import dev.tasktrail.service.TrackingRedisConfig;
import dev.tasktrail.service.stream.StreamConsumerLoop;
import dev.tasktrail.service.stream.StreamConsumerSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs this replica's archiver when archival is enabled: starts it after the settings were validated, stops it
 * gracefully at shutdown. With archival off it does nothing at all: no consumer group, no read, no S3 client.
 */
@ApplicationScoped
public class ArchiverService {

    /** Named Redis client for blocking reads, so they never wait on a connection of the default pool. */
    public static final String BLOCKING_READS_CLIENT = "stream-reads";

    private static final Duration SHORTEST_AGE_CHECK = Duration.ofMillis(10);
    private static final Duration LONGEST_AGE_CHECK = Duration.ofSeconds(1);
    private static final int AGE_CHECKS_PER_MAX_AGE = 10;

    private final ArchiverConfig config;
    private final Redis commands;
    private final Redis blockingReads;
    private final Instance<ArchiveWriter> writer;
    private final MeterRegistry meterRegistry;
    private volatile Archiver archiver;

    ArchiverService(ArchiverConfig config, Redis commands, @RedisClientName(BLOCKING_READS_CLIENT) Redis blockingReads,
            Instance<ArchiveWriter> writer, MeterRegistry meterRegistry) {
        this.config = config;
        this.commands = commands;
        this.blockingReads = blockingReads;
        this.writer = writer;
        this.meterRegistry = meterRegistry;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled()) {
            return;
        }
        archiver = newArchiver(TrackingRedisConfig.consumerNameOrHostName(config.tracking().redis()));
        archiver.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (archiver != null) {
            archiver.stop(config.archiver().upload().shutdownGrace());
        }
    }

    public boolean enabled() {
        return config.tracking().s3().archiveEnabled();
    }

    /** This replica's archiver; empty while archival is off. */
    public Optional<Archiver> archiver() {
        return Optional.ofNullable(archiver);
    }

    /** An archiver consuming as {@code consumer}, not started: the service runs one, tests run more. */
    public Archiver newArchiver(String consumer) {
        ArchiverConfig.Redis redis = config.tracking().redis();
        ArchiverConfig.Archiver settings = config.archiver();
        ArchiverConfig.Batch batch = settings.batch();
        StreamConsumerSettings loopSettings = StreamConsumerSettings.of(redis.streamKey(),
                redis.archiverConsumerGroup(), consumer, settings.consumer());
        ArchiveBuffer buffer = new ArchiveBuffer(batch.maxEvents(), batch.maxBytes().asLongValue(), batch.maxAge(),
                settings.buffer().maxBytes().asLongValue(), System::nanoTime);
        SealStore seals = new SealStore(commands, redis.streamKey(), redis.archiverConsumerGroup(), consumer);
        ArchiverMetrics metrics = new ArchiverMetrics(meterRegistry, redis.archiverConsumerGroup(), consumer, buffer);
        ExecutorService uploads = Executors.newFixedThreadPool(settings.upload().concurrency(),
                uploadThreads(consumer));
        ArchivePipeline pipeline = new ArchivePipeline(buffer, new ArchiveLayout(config.tracking().s3().prefix()),
                writer.get(), seals, metrics, uploads, settings.upload().retryMinBackoff(),
                settings.upload().retryMaxBackoff());
        StreamConsumerLoop loop = new StreamConsumerLoop(loopSettings, commands, blockingReads, pipeline,
                meterRegistry);
        return new Archiver(loop, pipeline, seals, uploads, ageCheckInterval(batch.maxAge()));
    }

    /** Often enough that a batch is written close to its maximum age, never a busy timer. */
    private static Duration ageCheckInterval(Duration maxAge) {
        Duration interval = maxAge.dividedBy(AGE_CHECKS_PER_MAX_AGE);
        if (interval.compareTo(SHORTEST_AGE_CHECK) < 0) {
            return SHORTEST_AGE_CHECK;
        }
        return interval.compareTo(LONGEST_AGE_CHECK) > 0 ? LONGEST_AGE_CHECK : interval;
    }

    private static ThreadFactory uploadThreads(String consumer) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "archiver-upload-" + consumer + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
