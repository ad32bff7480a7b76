package dev.tasktrail.model;

import static dev.tasktrail.model.ExecutionHash.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        json.put("executionId", executionId);
        json.put("taskName", taskName);
        json.put("status", status.wireName());
        json.put("project", project);
        json.put("occurredAt", Timestamps.format(occurredAt));
        if (flow != null) {
            json.put("flow", flow);
        }
        json.set("actor", TaskEventCodec.actorJson(actor));
        json.set("prLinks", Json.array(prLinks));
        json.set("visibility", TaskEventCodec.visibilityJson(visibility));
        if (error != null) {
            json.set("error", TaskEventCodec.errorJson(error));
        }
        if (eventId != null) {
            json.put("eventId", eventId);
        }
        json.put("lastEventId", lastEventId.toString());
        if (startedAt != null) {
            json.put("startedAt", Timestamps.format(startedAt));
        }
        if (durationMs != null) {
            json.put("durationMs", durationMs);
        }
        return json;
    }

    private static String required(Map<String, String> hash, String field) {
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalArgumentException("execution hash has no " + field);
        }
        return value;
    }

    private static List<String> jsonStrings(String jsonArray) {
        if (jsonArray == null) {
            return List.of();
        }
        JsonNode array = Json.parse(jsonArray);
        if (!array.isArray()) {
            throw new IllegalArgumentException("expected a JSON array, got " + array.getNodeType());
        }
        return Json.strings(array);
    }

    private static void putIfPresent(Map<String, String> hash, String field, String value) {
        if (value != null) {
            hash.put(field, value);
        }
    }
}
