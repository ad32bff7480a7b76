package dev.tasktrail.publisher.config;

import dev.tasktrail.service.TrackingRedisConfig;
import dev.tasktrail.service.projects.ProjectsConfigSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the task-publisher. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.redis.url} from
 * {@code TASK_TRACKING_REDIS_URL}).
 */
@ConfigMapping(prefix = "task")
public interface PublisherConfig {

    Tracking tracking();

    Publisher publisher();

    Projects projects();

    interface Tracking {
        TrackingRedisConfig redis();
    }

    interface Publisher {
        /**
         * {@code TASK_PUBLISHER_API_KEYS}: comma-separated keys producers send as {@code Authorization: Bearer <key>}.
         * Required unless auth is disabled. Never logged.
         */
        Optional<List<String>> apiKeys();

        /** {@code TASK_PUBLISHER_AUTH_DISABLED}: accept requests without a key (local runs behind a trusted network). */
        @WithDefault("false")
        boolean authDisabled();

        /**
         * {@code TASK_PUBLISHER_IDEMPOTENCY_RETENTION}: how long an {@code eventId} is remembered, so that a retry
         * within it answers the first {@code streamId}. At least 24 hours (SPEC §7).
         */
        @WithDefault("24h")
        Duration idempotencyRetention();
    }

    interface Projects {
        /** {@code TASK_PROJECTS_CONFIG_*}: where the responsible users per repository come from (SPEC §8). */
        ProjectsConfigSettings config();
    }
}
