package dev.tasktrail.archiver.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Validates the settings at start-up (a missing required variable stops the service) and says what runs. */
@ApplicationScoped
class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, ArchiverConfig config) {
        ArchiverConfig.Redis redis = config.tracking().redis();
        LOG.infof("Archiver for stream %s, group %s, consumer %s; archival %s", redis.streamKey(),
                redis.archiverConsumerGroup(), TrackingRedisConfig.consumerNameOrHostName(redis),
                config.tracking().s3().archiveEnabled() ? "enabled" : "disabled");
    }
}
