package dev.tasktrail.dashboard.config;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Validates the settings at start-up (a missing or contradictory one stops the service, naming the variable) and
 * says what runs: which tokens are accepted, and how snapshots are served.
 */
@ApplicationScoped
class StartupSummary {

    private static final Logger LOG = Logger.getLogger(StartupSummary.class);

    void onStart(@Observes StartupEvent event, DashboardConfig config, Config quarkusConfig) {
        DashboardConfig.Dashboard dashboard = config.dashboard();
        requirePositive("TASK_DASHBOARD_SNAPSHOT_MAX_LIMIT", dashboard.snapshotMaxLimit());
        requirePositive("TASK_DASHBOARD_SNAPSHOT_DEFAULT_LIMIT", dashboard.snapshotDefaultLimit());
        if (dashboard.snapshotMaxScan() < dashboard.snapshotMaxLimit()) {
            throw new ConfigurationException("TASK_DASHBOARD_SNAPSHOT_MAX_SCAN (" + dashboard.snapshotMaxScan()
                    + ") must be at least TASK_DASHBOARD_SNAPSHOT_MAX_LIMIT (" + dashboard.snapshotMaxLimit() + ")");
        }
        LOG.infof("Dashboard over stream %s; tokens verified %s for %d client id(s); visibility %s; "
                        + "snapshot pages of %d (at most %d)",
                config.tracking().redis().streamKey(), tokenVerification(quarkusConfig),
                dashboard.googleClientIds().size(), dashboard.enforceVisibility() ? "enforced" : "not enforced",
                dashboard.snapshotDefaultLimit(), dashboard.snapshotMaxLimit());
    }

    /** SPEC §9: the local key needs its issuer, or tokens of any issuer signed by that key would pass. */
    private static String tokenVerification(Config config) {
        Optional<String> publicKey = config.getOptionalValue("quarkus.oidc.public-key", String.class);
        if (publicKey.isEmpty()) {
            return "with the keys of " + config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)
                    .orElse("(no OIDC server configured)");
        }
        String issuer = config.getOptionalValue("quarkus.oidc.token.issuer", String.class)
                .orElseThrow(() -> new ConfigurationException(
                        "QUARKUS_OIDC_PUBLIC_KEY is set but QUARKUS_OIDC_TOKEN_ISSUER is not: set both for local "
                                + "token verification, or neither for Google"));
        return "with the local key (QUARKUS_OIDC_PUBLIC_KEY) for issuer " + issuer;
    }

    private static void requirePositive(String variable, int value) {
        if (value < 1) {
            throw new ConfigurationException(variable + " must be at least 1, got " + value);
        }
    }
}
