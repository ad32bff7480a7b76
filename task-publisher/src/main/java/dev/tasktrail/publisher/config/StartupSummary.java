package dev.tasktrail.publisher.config;

import dev.tasktrail.publisher.auth.ApiKeyFilter;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Validates the settings at start-up (a missing or unusable one stops the service with a message naming it, no
 * stack trace) and says what runs. API keys are counted, never printed.
 */
@ApplicationScoped
class StartupSummary {

    /** SPEC §7: a retried eventId is recognised for at least this long. */
    static final Duration MINIMUM_RETENTION = Duration.ofHours(24);

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, PublisherConfig config) {
        PublisherConfig.Publisher publisher = config.publisher();
        int keys = ApiKeyFilter.keysOf(config).size();
        if (keys == 0 && !publisher.authDisabled()) {
            throw new ConfigurationException("TASK_PUBLISHER_API_KEYS is not set: give the comma-separated API keys "
                    + "producers send as 'Authorization: Bearer <key>', or set TASK_PUBLISHER_AUTH_DISABLED=true "
                    + "to accept unauthenticated requests");
        }
        if (publisher.idempotencyRetention().compareTo(MINIMUM_RETENTION) < 0) {
            throw new ConfigurationException("TASK_PUBLISHER_IDEMPOTENCY_RETENTION is " + publisher.idempotencyRetention()
                    + ": it must be at least " + MINIMUM_RETENTION + " (SPEC §7)");
        }
        LOG.infof("Publishing to stream %s; eventIds remembered for %s; %s",
                config.tracking().redis().streamKey(), publisher.idempotencyRetention(),
                publisher.authDisabled()
                        ? "AUTH DISABLED (TASK_PUBLISHER_AUTH_DISABLED=true): any caller can publish"
                        : "API key auth with " + keys + (keys == 1 ? " key" : " keys"));
    }
}
