package dev.tasktrail.dashboard.ui;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.model.Json;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * {@code GET /dashboard/ui/config.json}: what the dashboard page needs before anyone signs in — how to sign in
 * and how often the stream sends keepalives. Public like the page itself: it holds no task data, and the Google
 * client id is public by design (it is in every page that shows Google's button).
 */
@Path("/dashboard/ui/config.json")
@PermitAll
public class DashboardPageConfigResource {

    @Inject
    DashboardConfig config;

    /** Set in local mode (SPEC §9): tokens are then signed by the local key, not by Google. */
    @ConfigProperty(name = "quarkus.oidc.public-key")
    Optional<String> localPublicKey;

    /**
     * {@code {"signIn":"google","googleClientId":"...","heartbeatMs":15000}}, or {@code "signIn":"local"} (paste the
     * token the local run prints) without a client id. The first configured client id is the page's: the others are
     * audiences of other clients.
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-cache")
    public ObjectNode pageConfig() {
        ObjectNode body = Json.object();
        if (localPublicKey.filter(key -> !key.isBlank()).isPresent()) {
            body.put("signIn", "local");
        } else {
            body.put("signIn", "google");
            body.put("googleClientId", config.dashboard().googleClientIds().get(0));
        }
        body.put("heartbeatMs", config.dashboard().heartbeatMs());
        return body;
    }
}
