package dev.tasktrail.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * JSON text ↔ {@link TaskEvent}. Decoding validates first ({@link TaskEventValidator}) and ignores unknown
 * fields; encoding writes the canonical form (fixed field order, canonical timestamp, absent optionals
 * omitted), so {@code encode(decode(encode(e)))} equals {@code encode(e)}.
 */
public final class TaskEventCodec {

    private TaskEventCodec() {
    }

    /** Never throws for bad input: malformed JSON and rule violations both come back as violations. */
    public static DecodeResult decode(String json) {
        JsonNode document;
        try {
            document = Json.parse(json);
        } catch (Json.MalformedJsonException e) {
            return DecodeResult.invalid(List.of(new Violation("$", e.getMessage())));
        }
        return decode(document);
    }

    public static DecodeResult decode(JsonNode document) {
        List<Violation> violations = TaskEventValidator.validate(document);
        return violations.isEmpty() ? DecodeResult.valid(bind(document)) : DecodeResult.invalid(violations);
    }

    public static String encode(TaskEvent event) {
        return Json.write(toJson(event));
    }

    public static ObjectNode toJson(TaskEvent event) {
        ObjectNode json = Json.object();
        json.put("eventId", event.eventId());
        json.put("executionId", event.executionId());
        json.put("taskName", event.taskName());
        json.put("status", event.status().wireName());
        json.put("project", event.project());
        json.put("occurredAt", Timestamps.format(event.occurredAt()));
        if (event.flow() != null) {
            json.put("flow", event.flow());
        }
        json.set("actor", actorJson(event.actor()));
        json.set("prLinks", Json.array(event.prLinks()));
        json.set("visibility", visibilityJson(event.visibility()));
        if (event.error() != null) {
            json.set("error", errorJson(event.error()));
        }
        json.put("schemaVersion", event.schemaVersion());
        return json;
    }

    private static ObjectNode actorJson(Actor actor) {
        ObjectNode json = Json.object();
        json.put("provider", actor.provider());
        json.put("id", actor.id());
        return json;
    }

    private static ObjectNode visibilityJson(Visibility visibility) {
        ObjectNode json = Json.object();
        json.set("responsibleUsers", Json.array(visibility.responsibleUsers()));
        return json;
    }

    private static ObjectNode errorJson(TaskError error) {
        ObjectNode json = Json.object();
        json.put("message", error.message());
        if (error.type() != null) {
            json.put("type", error.type());
        }
        return json;
    }

    /** Only called on a document the validator accepted, so every required value is there and typed. */
    private static TaskEvent bind(JsonNode json) {
        JsonNode actor = json.get("actor");
        JsonNode visibility = json.get("visibility");
        JsonNode error = json.get("error");
        return new TaskEvent(
                json.get("eventId").textValue(),
                json.get("executionId").textValue(),
                json.get("taskName").textValue(),
                TaskStatus.fromWireName(json.get("status").textValue()).orElseThrow(),
                json.get("project").textValue(),
                Timestamps.parse(json.get("occurredAt").textValue()),
                textOrNull(json.get("flow")),
                new Actor(actor.get("provider").textValue(), actor.get("id").textValue()),
                Json.strings(json.get("prLinks")),
                visibility == null || visibility.isNull()
                        ? Visibility.NONE
                        : new Visibility(Json.strings(visibility.get("responsibleUsers"))),
                error == null || error.isNull()
                        ? null
                        : new TaskError(error.get("message").textValue(), textOrNull(error.get("type"))),
                json.get("schemaVersion").intValue());
    }

    private static String textOrNull(JsonNode node) {
        return node == null || node.isNull() ? null : node.textValue();
    }
}
