package dev.tasktrail.projector.config;

import dev.tasktrail.service.TrackingRedisConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Validates the settings at start-up (a missing required variable stops the service) and says what runs. */
@ApplicationScoped
class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, ProjectorConfig config) {
        ProjectorConfig.Redis redis = config.tracking().redis();
        ProjectorConfig.Projector projector = config.projector();
        LOG.infof("Projecting stream %s in group %s as consumer %s (batch %d, claim after %s, dead-letter after %d"
                        + " deliveries)", redis.streamKey(), redis.projectorConsumerGroup(),
                TrackingRedisConfig.consumerNameOrHostName(redis), projector.consumer().batchSize(),
                projector.consumer().claimIdle(), projector.consumer().maxDeliveries());
        ProjectorConfig.Retention retention = projector.retention();
        if (retention.enabled()) {
            LOG.infof("Stream retention every %s: trims what every consumer group acknowledged, keeping at least"
                    + " the newest %d entries and those younger than %s", retention.interval(),
                    retention.minEntries(), retention.minAge());
        } else {
            LOG.info("Stream retention is off: the stream grows until trimmed otherwise");
        }
    }
}
