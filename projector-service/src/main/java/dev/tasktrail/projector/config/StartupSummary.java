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
        LOG.infof("Projecting stream %s in group %s as consumer %s", redis.streamKey(),
                redis.projectorConsumerGroup(), TrackingRedisConfig.consumerNameOrHostName(redis));
    }
}
