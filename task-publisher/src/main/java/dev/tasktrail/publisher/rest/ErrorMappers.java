package dev.tasktrail.publisher.rest;

import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.metrics.PublisherMetrics;
import dev.tasktrail.publisher.metrics.PublisherMetrics.Reason;
import dev.tasktrail.publisher.publish.InvalidBatchException;
import dev.tasktrail.publisher.publish.RedisUnavailableException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the publishing failures into the JSON answers of SPEC §7, and counts them. */
class ErrorMappers {

    static final String REDIS_UNAVAILABLE_MESSAGE =
            "Redis did not confirm the write; the event may or may not have been published: retry with the same eventId";

    private final PublisherMetrics metrics;

    ErrorMappers(PublisherMetrics metrics) {
        this.metrics = metrics;
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> malformedJson(Json.MalformedJsonException e) {
        metrics.rejected(Reason.MALFORMED_JSON);
        return json(Response.Status.BAD_REQUEST, new ErrorBody("malformed_json", e.getMessage()));
    }

    @ServerExceptionMapper
    RestResponse<InvalidEventBody> invalidEvent(InvalidEventException e) {
        return json(Response.Status.BAD_REQUEST, new InvalidEventBody("invalid_event",
                e.violations().stream().map(ViolationBody::of).toList()));
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> invalidBatch(InvalidBatchException e) {
        metrics.rejected(Reason.INVALID_BATCH);
        return json(Response.Status.BAD_REQUEST, new ErrorBody("invalid_batch", e.getMessage()));
    }

    /**
     * Says "may": a timeout can come after Redis ran the script, so the events may be in the stream. Retrying with
     * the same eventId is safe either way (idempotency).
     */
    @ServerExceptionMapper
    RestResponse<ErrorBody> redisUnavailable(RedisUnavailableException e) {
        return RestResponse.ResponseBuilder.create(Response.Status.SERVICE_UNAVAILABLE,
                        new ErrorBody("redis_unavailable", REDIS_UNAVAILABLE_MESSAGE))
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", "1")
                .build();
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> payloadTooLarge(BodySizeLimit.PayloadTooLargeException e) {
        metrics.rejected(Reason.PAYLOAD_TOO_LARGE);
        return json(Response.Status.REQUEST_ENTITY_TOO_LARGE, BodySizeLimit.tooLarge());
    }

    @ServerExceptionMapper
    RestResponse<ErrorBody> unsupportedMediaType(NotSupportedException e) {
        metrics.rejected(Reason.UNSUPPORTED_MEDIA_TYPE);
        return json(Response.Status.UNSUPPORTED_MEDIA_TYPE,
                new ErrorBody("unsupported_media_type", "send the body as Content-Type: application/json"));
    }

    private static <T> RestResponse<T> json(Response.Status status, T body) {
        return RestResponse.ResponseBuilder.create(status, body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
