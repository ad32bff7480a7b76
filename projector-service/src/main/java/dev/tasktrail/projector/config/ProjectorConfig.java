package dev.tasktrail.projector.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the projector-service. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.redis.url} from
 * {@code TASK_TRACKING_REDIS_URL}).
 */
@ConfigMapping(prefix = "task")
public interface ProjectorConfig {

    Tracking tracking();

    interface Tracking {
        Redis redis();
    }

    interface Redis extends TrackingRedisConfig {
        /** {@code TASK_TRACKING_REDIS_PROJECTOR_CONSUMER_GROUP}: the consumer group every replica joins. */
        @WithDefault("task-status-projector")
        String projectorConsumerGroup();
    }
}
