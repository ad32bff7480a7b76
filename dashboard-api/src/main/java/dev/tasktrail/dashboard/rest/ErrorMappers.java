package dev.tasktrail.dashboard.rest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.dashboard.auth.DashboardAuthenticationMechanism;
import dev.tasktrail.dashboard.query.InvalidParameterException;
import dev.tasktrail.dashboard.snapshot.RedisUnavailableException;
import dev.tasktrail.model.Json;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error the dashboard answers is a small JSON object {@code {"error":"<code>", ...}}; none carries a stack
 * trace or echoes the request URI (which may hold an {@code authToken}).
 */
class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    RestResponse<ObjectNode> invalidParameter(InvalidParameterException e) {
        ObjectNode body = error("invalid_parameter");
        body.put("parameter", e.parameter());
        body.put("message", e.getMessage());
        return json(Response.Status.BAD_REQUEST, body);
    }

    @ServerExceptionMapper({ AuthenticationFailedException.class, UnauthorizedException.class,
            AuthenticationCompletionException.class })
    RestResponse<String> unauthorized() {
        return RestResponse.ResponseBuilder
                .create(Response.Status.UNAUTHORIZED, DashboardAuthenticationMechanism.UNAUTHORIZED_BODY)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }

    @ServerExceptionMapper
    RestResponse<ObjectNode> forbidden(ForbiddenException e) {
        return json(Response.Status.FORBIDDEN, error("forbidden"));
    }

    /** 404 for unknown routes, 405 for a wrong method, and the like: the status, named in snake case. */
    @ServerExceptionMapper
    RestResponse<ObjectNode> webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '_');
        return json(status, error(code));
    }

    @ServerExceptionMapper
    RestResponse<ObjectNode> redisUnavailable(RedisUnavailableException e) {
        LOG.warn(e.getMessage());
        return json(Response.Status.SERVICE_UNAVAILABLE, error("redis_unavailable"));
    }

    @ServerExceptionMapper
    RestResponse<ObjectNode> unexpected(Exception e) {
        LOG.error("Request failed", e);
        return json(Response.Status.INTERNAL_SERVER_ERROR, error("internal_error"));
    }

    private static ObjectNode error(String code) {
        ObjectNode body = Json.object();
        body.put("error", code);
        return body;
    }

    private static RestResponse<ObjectNode> json(Response.StatusType status, ObjectNode body) {
        return RestResponse.ResponseBuilder.create(status, body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
