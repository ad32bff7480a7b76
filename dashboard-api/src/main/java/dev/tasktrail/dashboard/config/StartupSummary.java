package dev.tasktrail.dashboard.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Validates the settings at start-up (a missing required variable stops the service) and says what runs. */
@ApplicationScoped
class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, DashboardConfig config) {
        LOG.infof("Dashboard over stream %s for %d client id(s); visibility %s",
                config.tracking().redis().streamKey(), config.dashboard().googleClientIds().size(),
                config.dashboard().enforceVisibility() ? "enforced" : "not enforced");
    }
}
