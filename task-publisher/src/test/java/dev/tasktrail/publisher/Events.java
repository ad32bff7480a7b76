package dev.tasktrail.publisher;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import java.util.function.Consumer;

/** Event documents as producers send them. */
public final class Events {

    public static final String PROJECT = "houlak/rukipay-backend";

    private Events() {
    }

    /** A valid in_progress event without eventId, occurredAt and schemaVersion (the publisher fills them). */
    public static ObjectNode minimal(String executionId) {
        ObjectNode event = Json.object();
        event.put("executionId", executionId);
        event.put("taskName", "Generate API client");
        event.put("status", "in_progress");
        event.put("project", PROJECT);
        ObjectNode actor = event.putObject("actor");
        actor.put("provider", "slack");
        actor.put("id", "U024BE7LH");
        return event;
    }

    public static ObjectNode complete(String eventId, String executionId) {
        ObjectNode event = minimal(executionId);
        event.put("eventId", eventId);
        event.put("occurredAt", "2026-03-15T10:00:00.123Z");
        event.put("schemaVersion", 1);
        return event;
    }

    public static ObjectNode with(ObjectNode event, Consumer<ObjectNode> change) {
        ObjectNode copy = event.deepCopy();
        change.accept(copy);
        return copy;
    }
}
