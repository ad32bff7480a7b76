package dev.tasktrail.publisher.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Validates the settings at start-up (a missing required variable stops the service) and says what runs. */
@ApplicationScoped
class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, PublisherConfig config) {
        LOG.infof("Publishing to stream %s", config.tracking().redis().streamKey());
    }
}
