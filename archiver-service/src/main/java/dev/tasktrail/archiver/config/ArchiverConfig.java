package dev.tasktrail.archiver.config;

import dev.tasktrail.service.TrackingRedisConfig;
import dev.tasktrail.service.stream.StreamConsumerConfig;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of the archiver-service. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.tracking.s3.bucket} from
 * {@code TASK_TRACKING_S3_BUCKET}). The S3 client itself uses the standard {@code quarkus.s3.*} keys.
 */
@ConfigMapping(prefix = "task")
public interface ArchiverConfig {

    Tracking tracking();

    /** How the archiver batches and uploads ({@code TASK_ARCHIVER_*}); documented in {@code docs/archiver.md}. */
    Archiver archiver();

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

    interface Archiver {
        /**
         * How the stream is read ({@code TASK_ARCHIVER_CONSUMER_*}: batch size, block, claim idle time and interval,
         * maximum deliveries before dead-lettering, Redis retry backoff); the same loop as the projector's.
         */
        StreamConsumerConfig consumer();

        Batch batch();

        Buffer buffer();

        Upload upload();
    }

    /** When the events of one project and UTC day become one object: whichever limit is reached first. */
    interface Batch {
        /** {@code TASK_ARCHIVER_BATCH_MAX_EVENTS}: most events (lines) in one object. */
        @WithDefault("1000")
        int maxEvents();

        /** {@code TASK_ARCHIVER_BATCH_MAX_BYTES}: largest object ({@code 4M}, {@code 512K}, plain bytes). */
        @WithDefault("4M")
        MemorySize maxBytes();

        /** {@code TASK_ARCHIVER_BATCH_MAX_AGE}: longest an event waits in memory before its batch is written. */
        @WithDefault("5s")
        Duration maxAge();
    }

    interface Buffer {
        /**
         * {@code TASK_ARCHIVER_BUFFER_MAX_BYTES}: events held in memory (waiting for their batch or for S3) across
         * all batches. When reached, the service stops reading the stream until uploads free room.
         */
        @WithDefault("64M")
        MemorySize maxBytes();
    }

    interface Upload {
        /** {@code TASK_ARCHIVER_UPLOAD_CONCURRENCY}: objects uploaded at the same time. */
        @WithDefault("4")
        int concurrency();

        /** {@code TASK_ARCHIVER_UPLOAD_RETRY_MIN_BACKOFF}: first pause after a failed S3 or Redis step. */
        @WithDefault("500ms")
        Duration retryMinBackoff();

        /** {@code TASK_ARCHIVER_UPLOAD_RETRY_MAX_BACKOFF}: longest pause between attempts; retries never stop. */
        @WithDefault("30s")
        Duration retryMaxBackoff();

        /**
         * {@code TASK_ARCHIVER_UPLOAD_SHUTDOWN_GRACE}: at shutdown, how long to keep writing what was read before
         * leaving the rest unacknowledged (pending, for the next start or another replica).
         */
        @WithDefault("10s")
        Duration shutdownGrace();
    }
}
