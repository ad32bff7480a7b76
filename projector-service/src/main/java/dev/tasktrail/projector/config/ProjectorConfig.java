package dev.tasktrail.projector.config;

import dev.tasktrail.service.TrackingRedisConfig;
import dev.tasktrail.service.stream.StreamConsumerConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Settings of the projector-service. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.redis.url} from
 * {@code TASK_TRACKING_REDIS_URL}). Documented with defaults in {@code docs/projector.md}.
 */
@ConfigMapping(prefix = "task")
public interface ProjectorConfig {

    Tracking tracking();

    /** {@code task.projector.*}: how this service reads and trims the stream. */
    Projector projector();

    interface Tracking {
        Redis redis();
    }

    interface Redis extends TrackingRedisConfig {
        /** {@code TASK_TRACKING_REDIS_PROJECTOR_CONSUMER_GROUP}: the consumer group every replica joins. */
        @WithDefault("task-status-projector")
        String projectorConsumerGroup();
    }

    interface Projector {
        /** {@code TASK_PROJECTOR_CONSUMER_*}: batch size, blocking, claiming, dead-lettering, backoff. */
        StreamConsumerConfig consumer();

        /** {@code TASK_PROJECTOR_RETENTION_*}: trimming of the stream. */
        Retention retention();

        /** {@code TASK_PROJECTOR_SHUTDOWN_TIMEOUT}: how long shutdown waits for the batch in flight. */
        @WithDefault("PT10S")
        Duration shutdownTimeout();
    }

    /**
     * The stream is trimmed to what some consumer group still needs, but never below a minimum of recent history
     * (dashboard replay, new consumer groups).
     */
    interface Retention {
        /** {@code TASK_PROJECTOR_RETENTION_ENABLED}: trim the stream at all. */
        @WithDefault("true")
        boolean enabled();

        /** {@code TASK_PROJECTOR_RETENTION_INTERVAL}: how often a replica trims. */
        @WithDefault("PT10S")
        Duration interval();

        /** {@code TASK_PROJECTOR_RETENTION_MIN_ENTRIES}: the newest entries kept in any case. */
        @WithDefault("10000")
        long minEntries();

        /** {@code TASK_PROJECTOR_RETENTION_MIN_AGE}: entries younger than this are kept in any case. */
        @WithDefault("PT1H")
        Duration minAge();
    }
}
