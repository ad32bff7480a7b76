package dev.tasktrail.publisher.rest;

import dev.tasktrail.publisher.metrics.PublisherMetrics;
import dev.tasktrail.publisher.metrics.PublisherMetrics.Reason;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * SPEC §7: bodies over 1 MiB are refused with 413 and a JSON body. A declared {@code Content-Length} is checked
 * before the body is read; a chunked body is checked once read ({@link #check(byte[])}). The HTTP layer's own
 * limit ({@code quarkus.http.limits.max-body-size}, 2M) only guards memory: above it the connection is closed
 * with a bare 413.
 */
public class BodySizeLimit {

    public static final int MAX_BODY_BYTES = 1024 * 1024;

    private final PublisherMetrics metrics;

    BodySizeLimit(PublisherMetrics metrics) {
        this.metrics = metrics;
    }

    /** Runs after authentication, so an unknown caller learns nothing but 401. */
    @ServerRequestFilter(priority = Priorities.USER)
    public Optional<Response> checkDeclaredLength(ContainerRequestContext request) {
        String declared = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > MAX_BODY_BYTES) {
            metrics.rejected(Reason.PAYLOAD_TOO_LARGE);
            return Optional.of(Response.status(Response.Status.REQUEST_ENTITY_TOO_LARGE)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(tooLarge())
                    .build());
        }
        return Optional.empty();
    }

    /**
     * @throws PayloadTooLargeException when a body that declared no length turned out too long
     */
    static void check(byte[] body) {
        if (body.length > MAX_BODY_BYTES) {
            throw new PayloadTooLargeException();
        }
    }

    static ErrorBody tooLarge() {
        return new ErrorBody("payload_too_large", "the body must be at most " + MAX_BODY_BYTES + " bytes (1 MiB)");
    }

    private static long parseLength(String declared) {
        try {
            return Long.parseLong(declared.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Answered as 413 {@code payload_too_large}. */
    static final class PayloadTooLargeException extends RuntimeException {
        PayloadTooLargeException() {
            super("body over " + MAX_BODY_BYTES + " bytes", null, false, false);
        }
    }
}
