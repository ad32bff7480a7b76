package dev.tasktrail.projector.projection;

import dev.tasktrail.projector.config.ProjectorConfig;
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
import org.jboss.logging.Logger;

/**
 * Runs this replica's consumer of the projector group: starts the loop at start-up and stops it gracefully at
 * shutdown (stop reading, finish the batch in flight, leave the rest pending).
 */
@ApplicationScoped
public class ProjectionConsumer {

    /** Named Redis client for blocking reads, so they never wait on a connection of the default pool. */
    public static final String BLOCKING_READS_CLIENT = "stream-reads";

    private static final Logger LOG = Logger.getLogger(ProjectionConsumer.class);

    private final ProjectorConfig config;
    private final Redis commands;
    private final Redis blockingReads;
    private final Projection projection;
    private final MeterRegistry meterRegistry;
    private volatile StreamConsumerLoop loop;

    ProjectionConsumer(ProjectorConfig config, Redis commands, @RedisClientName(BLOCKING_READS_CLIENT) Redis blockingReads,
            Projection projection, MeterRegistry meterRegistry) {
        this.config = config;
        this.commands = commands;
        this.blockingReads = blockingReads;
        this.projection = projection;
        this.meterRegistry = meterRegistry;
    }

    void onStart(@Observes StartupEvent event) {
        ProjectorConfig.Redis redis = config.tracking().redis();
        loop = newLoop(TrackingRedisConfig.consumerNameOrHostName(redis));
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (loop == null) {
            return;
        }
        try {
            loop.stop().await().atMost(config.projector().shutdownTimeout());
        } catch (RuntimeException timeout) {
            LOG.warnf("The batch in flight did not finish within %s; its entries stay pending",
                    config.projector().shutdownTimeout());
        }
    }

    /** This replica's loop. */
    public StreamConsumerLoop loop() {
        return loop;
    }

    /** A loop projecting as {@code consumer}, not started: the service runs one, tests run more. */
    public StreamConsumerLoop newLoop(String consumer) {
        ProjectorConfig.Redis redis = config.tracking().redis();
        StreamConsumerSettings settings = StreamConsumerSettings.of(redis.streamKey(), redis.projectorConsumerGroup(),
                consumer, config.projector().consumer());
        return new StreamConsumerLoop(settings, commands, blockingReads, projection, meterRegistry);
    }
}
