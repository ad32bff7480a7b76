package dev.tasktrail.archiver.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Settings of the archiver-service. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.s3.bucket} from
 * {@code TASK_TRACKING_S3_BUCKET}). The S3 client itself uses the standard {@code quarkus.s3.*} keys.
 */
@ConfigMapping(prefix = "task")
public interface ArchiverConfig {

    Tracking tracking();

    interface Tracking {
        Redis redis();

        S3 s3();
    }

    interface Redis extends TrackingRedisConfig {
        /** {@code TASK_TRACKING_REDIS_ARCHIVER_CONSUMER_GROUP}: the consumer group every replica joins. */
        @WithDefault("task-history-archiver")
        String archiverConsumerGroup();
    }

    interface S3 {
        /** {@code TASK_TRACKING_S3_ARCHIVE_ENABLED}: off by default; then the service reads nothing. */
        @WithDefault("false")
        boolean archiveEnabled();

        /** {@code TASK_TRACKING_S3_BUCKET}: required when archival is enabled. */
        Optional<String> bucket();

        /** {@code TASK_TRACKING_S3_PREFIX}: key prefix of every archive object. */
        @WithDefault("task-tracking")
        String prefix();
    }
}
