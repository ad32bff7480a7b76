package dev.tasktrail.archiver.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Validates the settings at start-up (a missing required variable stops the service) and says what runs. Observes
 * start-up before the archiver does, so an invalid setting stops the service before anything is read.
 */
@ApplicationScoped
class StartupSummary {

    static final int BEFORE_THE_ARCHIVER = 100;
    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes @Priority(BEFORE_THE_ARCHIVER) StartupEvent event, ArchiverConfig config) {
        ArchiverConfig.Redis redis = config.tracking().redis();
        ArchiverConfig.S3 s3 = config.tracking().s3();
        if (!s3.archiveEnabled()) {
            LOG.infof("S3 archival is off (TASK_TRACKING_S3_ARCHIVE_ENABLED=false): the archiver joins no consumer "
                    + "group and reads nothing from stream %s", redis.streamKey());
            return;
        }
        String bucket = s3.bucket().filter(name -> !name.isBlank()).orElseThrow(() -> new ConfigurationException(
                // Quarkus prints a ConfigurationException as a plain message and exits non-zero.
                "TASK_TRACKING_S3_BUCKET is required when TASK_TRACKING_S3_ARCHIVE_ENABLED=true: set it to the "
                        + "bucket the archive is written to", Set.of("task.tracking.s3.bucket")));
        ArchiverConfig.Batch batch = config.archiver().batch();
        LOG.infof("Archiving stream %s to s3://%s/%s as group %s, consumer %s; an object per project and UTC day "
                        + "every %d events, %s or %d ms, whichever comes first", redis.streamKey(), bucket, s3.prefix(),
                redis.archiverConsumerGroup(), TrackingRedisConfig.consumerNameOrHostName(redis), batch.maxEvents(),
                batch.maxBytes().asLongValue() + " bytes", batch.maxAge().toMillis());
    }
}
