package dev.tasktrail.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One lifecycle step of a task execution (SPEC §1, schema version 1).
 *
 * <p>Instances are built by {@link TaskEventCodec#decode} from validated JSON or by producers in
 * code; the constructor only rejects missing required values, the full rules live in
 * {@link TaskEventValidator}.
 *
 * @param flow optional, {@code null} when absent
 * @param error optional, only with status {@link TaskStatus#ERROR}
 */
public record TaskEvent(
        String eventId,
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
        int schemaVersion) {

    public static final int SCHEMA_VERSION = 1;

    public TaskEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(executionId, "executionId");
        Objects.requireNonNull(taskName, "taskName");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(actor, "actor");
        prLinks = prLinks == null ? List.of() : List.copyOf(prLinks);
        visibility = visibility == null ? Visibility.NONE : visibility;
        occurredAt = Timestamps.truncate(occurredAt);
    }

    /** The same event with more responsible users (the publisher's enrichment from the projects config). */
    public TaskEvent withResponsibleUsers(Iterable<String> users) {
        return new TaskEvent(eventId, executionId, taskName, status, project, occurredAt, flow, actor, prLinks,
                visibility.withUsers(users), error, schemaVersion);
    }
}
