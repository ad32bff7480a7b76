package dev.tasktrail.publisher.auth;

import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.publisher.metrics.PublisherMetrics;
import dev.tasktrail.publisher.rest.ErrorBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Lets a request to the publishing API through only with {@code Authorization: Bearer <key>} naming one of
 * {@code TASK_PUBLISHER_API_KEYS} (SPEC §7). Runs before the body is read; health, metrics and OpenAPI are not
 * REST resources, so they stay open.
 */
@ApplicationScoped
public class ApiKeyFilter {

    private static final String BEARER = "Bearer ";

    private final ApiKeys keys;
    private final boolean disabled;
    private final PublisherMetrics metrics;

    ApiKeyFilter(PublisherConfig config, PublisherMetrics metrics) {
        this.keys = new ApiKeys(keysOf(config));
        this.disabled = config.publisher().authDisabled();
        this.metrics = metrics;
    }

    /** The configured keys without blanks and surrounding spaces (a trailing comma is not a key). */
    public static List<String> keysOf(PublisherConfig config) {
        return config.publisher().apiKeys().orElse(List.of()).stream()
                .map(String::trim)
                .filter(key -> !key.isEmpty())
                .toList();
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (disabled) {
            return Optional.empty();
        }
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && keys.accepts(header.substring(BEARER.length()).trim())) {
            return Optional.empty();
        }
        metrics.rejected(PublisherMetrics.Reason.UNAUTHORIZED);
        return Optional.of(Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorBody("publisher_unauthorized", "send Authorization: Bearer <API key>"))
                .build());
    }
}
