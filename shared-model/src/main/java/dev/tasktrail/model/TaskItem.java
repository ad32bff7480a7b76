package dev.tasktrail.model;

import static dev.tasktrail.model.ExecutionHash.*;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The latest state of one execution as the dashboard shows it (snapshot items and stream updates), and as the
 * projector stores it in the execution hash. Converts from an event, to and from the flat hash, and to JSON.
 *
 * @param eventId the event that produced this state
 * @param lastEventId the stream entry that carried it
 * @param startedAt earliest {@code in_progress} instant known, or {@code null}
 * @param durationMs terminal instant minus {@code startedAt}, or {@code null} while unknown
 */
public record TaskItem(
        String executionId,
        String taskName,
        TaskStatus status,
        String project,
        Instant occurredAt,
        String flow,
        Actor actor,
        List<String> prLinks,
        Visibility visibility,
        TaskError error,
        String eventId,
        StreamEntryId lastEventId,
        Instant startedAt,
        Long durationMs) {

    public TaskItem {
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(lastEventId, "lastEventId");
        prLinks = prLinks == null ? List.of() : List.copyOf(prLinks);
        visibility = visibility == null ? Visibility.NONE : visibility;
    }

    /** The state one event describes on its own: it knows {@code startedAt} only if it is the start. */
    public static TaskItem fromEvent(TaskEvent event, StreamEntryId entryId) {
        return new TaskItem(event.executionId(), event.taskName(), event.status(), event.project(),
                event.occurredAt(), event.flow(), event.actor(), event.prLinks(), event.visibility(), event.error(),
                event.eventId(), entryId, event.status() == TaskStatus.IN_PROGRESS ? event.occurredAt() : null, null);
    }

    public EventVersion version() {
        return new EventVersion(occurredAt, lastEventId);
    }

    /** SPEC §5: the viewer created the task or is one of its responsible users. */
    public boolean isVisibleTo(String viewerIdentity) {
        return actor.identity().equals(viewerIdentity) || visibility.responsibleUsers().contains(viewerIdentity);
    }

    /** The flat hash fields; optional values that are absent are left out. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new HashMap<>();
        hash.put(EVENT_ID, eventId);
        hash.put(EXECUTION_ID, executionId);
        hash.put(TASK_NAME, taskName);
        hash.put(STATUS, status.wireName());
        hash.put(PROJECT, project);
        hash.put(OCCURRED_AT, Timestamps.format(occurredAt));
        hash.put(OCCURRED_AT_MS, Long.toString(occurredAt.toEpochMilli()));
        putIfPresent(hash, FLOW, flow);
        hash.put(ACTOR_PROVIDER, actor.provider());
        hash.put(ACTOR_ID, actor.id());
        hash.put(PR_LINKS, Json.write(Json.array(prLinks)));
        hash.put(RESPONSIBLE_USERS, Json.write(Json.array(visibility.responsibleUsers())));
        if (error != null) {
            hash.put(ERROR_MESSAGE, error.message());
            putIfPresent(hash, ERROR_TYPE, error.type());
        }
        hash.put(SCHEMA_VERSION, Integer.toString(TaskEvent.SCHEMA_VERSION));
        hash.put(LAST_EVENT_ID, lastEventId.toString());
        if (startedAt != null) {
            hash.put(STARTED_AT, Timestamps.format(startedAt));
            hash.put(STARTED_AT_MS, Long.toString(startedAt.toEpochMilli()));
        }
        putIfPresent(hash, DURATION_MS, durationMs == null ? null : durationMs.toString());
        return hash;
    }

    /**
     * @throws IllegalArgumentException when a required field is missing or malformed (e.g. an empty map
     *     for an execution that does not exist)
     */
    public static TaskItem fromHash(Map<String, String> hash) {
        try {
            String errorMessage = hash.get(ERROR_MESSAGE);
            String startedAt = hash.get(STARTED_AT);
            String durationMs = hash.get(DURATION_MS);
            return new TaskItem(
                    required(hash, EXECUTION_ID),
                    required(hash, TASK_NAME),
                    TaskStatus.fromWireName(required(hash, STATUS))
                            .orElseThrow(() -> new IllegalArgumentException("unknown status " + hash.get(STATUS))),
                    required(hash, PROJECT),
                    Timestamps.parse(required(hash, OCCURRED_AT)),
                    hash.get(FLOW),
                    new Actor(required(hash, ACTOR_PROVIDER), required(hash, ACTOR_ID)),
                    jsonStrings(hash.get(PR_LINKS)),
                    new Visibility(jsonStrings(hash.get(RESPONSIBLE_USERS))),
                    errorMessage == null ? null : new TaskError(errorMessage, hash.get(ERROR_TYPE)),
                    hash.get(EVENT_ID),
                    StreamEntryId.parse(required(hash, LAST_EVENT_ID)),
                    startedAt == null ? null : Timestamps.parse(startedAt),
                    durationMs == null ? null : Long.valueOf(durationMs));
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("malformed timestamp in execution hash: " + e.getMessage(), e);
        }
    }

    /** The item as the dashboard serves it (SPEC §5 plus {@code error}, {@code startedAt}, {@code durationMs}). */
    public String toJson() {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator out = Json.MAPPER.createGenerator(text)) {
            writeJson(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string never fails", e);
        }
        return text.toString();
    }

    /**
     * Writes {@link #toJson()} to a generator: a page of items goes straight to its bytes, without a tree per item.
     */
    public void writeJson(JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField("executionId", executionId);
        out.writeStringField("taskName", taskName);
        out.writeStringField("status", status.wireName());
        out.writeStringField("project", project);
        out.writeStringField("occurredAt", Timestamps.format(occurredAt));
        if (flow != null) {
            out.writeStringField("flow", flow);
        }
        out.writeObjectFieldStart("actor");
        out.writeStringField("provider", actor.provider());
        out.writeStringField("id", actor.id());
        out.writeEndObject();
        writeStrings(out, "prLinks", prLinks);
        out.writeObjectFieldStart("visibility");
        writeStrings(out, "responsibleUsers", visibility.responsibleUsers());
        out.writeEndObject();
        if (error != null) {
            out.writeObjectFieldStart("error");
            out.writeStringField("message", error.message());
            if (error.type() != null) {
                out.writeStringField("type", error.type());
            }
            out.writeEndObject();
        }
        if (eventId != null) {
            out.writeStringField("eventId", eventId);
        }
        out.writeStringField("lastEventId", lastEventId.toString());
        if (startedAt != null) {
            out.writeStringField("startedAt", Timestamps.format(startedAt));
        }
        if (durationMs != null) {
            out.writeNumberField("durationMs", durationMs);
        }
        out.writeEndObject();
    }

    private static void writeStrings(JsonGenerator out, String field, List<String> values) throws IOException {
        out.writeArrayFieldStart(field);
        for (String value : values) {
            out.writeString(value);
        }
        out.writeEndArray();
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalArgumentException("execution hash has no " + field);
        }
        return value;
    }

    private static List<String> jsonStrings(String jsonArray) {
        return jsonArray == null ? List.of() : Json.stringArray(jsonArray);
    }

    private static void putIfPresent(Map<String, String> hash, String field, String value) {
        if (value != null) {
            hash.put(field, value);
        }
    }
}
