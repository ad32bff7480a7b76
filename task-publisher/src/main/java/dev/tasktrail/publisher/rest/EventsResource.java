package dev.tasktrail.publisher.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.publish.EventPublisher;
import dev.tasktrail.publisher.publish.Outcome;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The publishing API (SPEC §7). Bodies are read as text and parsed with the contract's Jackson tree model, so
 * what is validated is exactly what was sent. Answers only once Redis holds the entries.
 */
@Path("/v1/events")
@Tag(name = "Events", description = "Publish task lifecycle events into the stream")
@SecurityScheme(securitySchemeName = "apiKey", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "One of TASK_PUBLISHER_API_KEYS")
@SecurityRequirement(name = "apiKey")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class EventsResource {

    static final String EVENT_EXAMPLE = """
            {"executionId": "run-42", "taskName": "Generate API client", "status": "in_progress",
             "project": "houlak/rukipay-backend", "flow": "codegen", "actor": {"provider": "slack", "id": "U024BE7LH"}}""";
    static final String ACCEPTED_EXAMPLE = """
            {"eventId": "5f0c6f9e-8a53-4c1e-9d6b-2f1f3c9a7e10", "executionId": "run-42",
             "streamId": "1763812800123-0", "duplicate": false}""";
    static final String INVALID_EXAMPLE = """
            {"error": "invalid_event", "violations": [{"field": "status", "message": "must be one of in_progress, success, error"}]}""";
    static final String BATCH_EXAMPLE = """
            {"events": [
              {"eventId": "run-42:started", "executionId": "run-42", "taskName": "Generate API client",
               "status": "in_progress", "project": "houlak/rukipay-backend", "actor": {"provider": "slack", "id": "U024BE7LH"}},
              {"executionId": "run-43", "taskName": "", "status": "done", "project": "houlak/rukipay-backend",
               "actor": {"provider": "slack", "id": "U024BE7LH"}}]}""";
    static final String BATCH_RESPONSE_EXAMPLE = """
            {"accepted": 1, "duplicates": 0, "rejected": 1, "items": [
              {"index": 0, "status": 202, "eventId": "run-42:started", "executionId": "run-42",
               "streamId": "1763812800123-0", "duplicate": false},
              {"index": 1, "status": 400, "error": "invalid_event", "violations": [
                {"field": "taskName", "message": "must not be blank"},
                {"field": "status", "message": "must be one of in_progress, success, error"}]}]}""";

    private final EventPublisher publisher;

    EventsResource(EventPublisher publisher) {
        this.publisher = publisher;
    }

    @POST
    @Operation(summary = "Publish one event",
            description = "eventId (a UUID), occurredAt (now) and schemaVersion (1) are filled when omitted. "
                    + "visibility.responsibleUsers gets the users the projects config names for the project's "
                    + "repository. Sending the same eventId again answers the first streamId and appends nothing "
                    + "(duplicate: true), for at least 24 hours.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(ref = "TaskEvent"), examples = @ExampleObject(name = "in_progress", value = EVENT_EXAMPLE)))
    @APIResponse(responseCode = "202", description = "In the stream",
            content = @Content(schema = @Schema(implementation = PublishedEvent.class),
                    examples = @ExampleObject(name = "accepted", value = ACCEPTED_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not an event: invalid_event with every violation, or malformed_json",
            content = @Content(schema = @Schema(implementation = InvalidEventBody.class),
                    examples = @ExampleObject(name = "invalid_event", value = INVALID_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "Body over 1 MiB (payload_too_large)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Redis did not confirm the write (down, timing out, refusing "
            + "writes): the event may or may not be in the stream; retry with the same eventId (redis_unavailable)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<PublishedEvent>> publish(byte[] body) {
        JsonNode document = parse(body);
        return publisher.publish(List.of(document)).map(outcomes -> {
            Outcome outcome = outcomes.get(0);
            if (outcome instanceof Outcome.Rejected rejected) {
                throw new InvalidEventException(rejected.violations());
            }
            return RestResponse.ResponseBuilder.create(Response.Status.ACCEPTED, published((Outcome.Accepted) outcome))
                    .build();
        });
    }

    @POST
    @Path("/batch")
    @Operation(summary = "Publish up to 500 events in one request",
            description = "Each event is handled as by POST /v1/events and answered at its position; invalid events "
                    + "do not stop the valid ones. All valid events are written in one atomic Redis call: on 503 "
                    + "either none or all of them are in the stream; retry with the same eventIds.")
    @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            examples = @ExampleObject(name = "mixed", value = BATCH_EXAMPLE)))
    @APIResponse(responseCode = "200", description = "Every event answered, in order",
            content = @Content(schema = @Schema(implementation = BatchResponse.class),
                    examples = @ExampleObject(name = "mixed", value = BATCH_RESPONSE_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "Not {\"events\": [...]} of at most 500 (invalid_batch), or malformed_json",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "Missing or unknown API key",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "413", description = "Body over 1 MiB (payload_too_large)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "Redis did not confirm the write: none or all of the valid events "
            + "are in the stream; retry with the same eventIds (redis_unavailable)",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<BatchResponse> publishBatch(byte[] body) {
        List<JsonNode> events = EventPublisher.batchEvents(parse(body));
        return publisher.publish(events).map(EventsResource::batchResponse);
    }

    private static JsonNode parse(byte[] body) {
        byte[] bytes = body == null ? new byte[0] : body;
        BodySizeLimit.check(bytes);
        return Json.parse(new String(bytes, StandardCharsets.UTF_8));
    }

    private static PublishedEvent published(Outcome.Accepted accepted) {
        return new PublishedEvent(accepted.event().eventId(), accepted.event().executionId(),
                accepted.appended().streamId(), accepted.appended().duplicate());
    }

    private static BatchResponse batchResponse(List<Outcome> outcomes) {
        List<BatchItemResult> items = new ArrayList<>(outcomes.size());
        int accepted = 0;
        int duplicates = 0;
        for (int index = 0; index < outcomes.size(); index++) {
            Outcome outcome = outcomes.get(index);
            if (outcome instanceof Outcome.Accepted ok) {
                PublishedEvent event = published(ok);
                items.add(new BatchItemResult(index, 202, event.eventId(), event.executionId(), event.streamId(),
                        event.duplicate(), null, null));
                if (event.duplicate()) {
                    duplicates++;
                } else {
                    accepted++;
                }
            } else {
                Outcome.Rejected rejected = (Outcome.Rejected) outcome;
                items.add(new BatchItemResult(index, 400, rejected.eventId(), null, null, null, "invalid_event",
                        rejected.violations().stream().map(ViolationBody::of).toList()));
            }
        }
        return new BatchResponse(accepted, duplicates, outcomes.size() - accepted - duplicates, items);
    }
}
