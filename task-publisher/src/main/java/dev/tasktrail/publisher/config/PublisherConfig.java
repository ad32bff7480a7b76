package dev.tasktrail.publisher.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.smallrye.config.ConfigMapping;

/**
 * Settings of the task-publisher. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.redis.url} from
 * {@code TASK_TRACKING_REDIS_URL}).
 */
@ConfigMapping(prefix = "task")
public interface PublisherConfig {

    Tracking tracking();

    interface Tracking {
        TrackingRedisConfig redis();
    }
}
