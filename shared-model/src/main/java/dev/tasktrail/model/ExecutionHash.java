package dev.tasktrail.model;

import java.util.List;

/**
 * Field names of the flat hash {@code task-tracking:execution:{executionId}} (SPEC §2). Nested event values
 * are flattened ({@code actor} → {@code actorProvider}/{@code actorId}); lists are JSON arrays.
 * Conversions live in {@link TaskItem#toHash()} and {@link TaskItem#fromHash}.
 */
public final class ExecutionHash {

    public static final String EVENT_ID = "eventId";
    public static final String EXECUTION_ID = "executionId";
    public static final String TASK_NAME = "taskName";
    public static final String STATUS = "status";
    public static final String PROJECT = "project";
    public static final String OCCURRED_AT = "occurredAt";
    /** {@code occurredAt} in epoch milliseconds, for the projection script's arithmetic. */
    public static final String OCCURRED_AT_MS = "occurredAtMs";
    public static final String FLOW = "flow";
    public static final String ACTOR_PROVIDER = "actorProvider";
    public static final String ACTOR_ID = "actorId";
    /** JSON array of URLs. */
    public static final String PR_LINKS = "prLinks";
    /** JSON array of viewer identities. */
    public static final String RESPONSIBLE_USERS = "responsibleUsers";
    public static final String ERROR_MESSAGE = "errorMessage";
    public static final String ERROR_TYPE = "errorType";
    public static final String SCHEMA_VERSION = "schemaVersion";
    /** Stream entry id of the event the hash currently reflects. */
    public static final String LAST_EVENT_ID = "lastEventId";
    /** Earliest {@code occurredAt} of any {@code in_progress} event, kept even when that event came late. */
    public static final String STARTED_AT = "startedAt";
    public static final String STARTED_AT_MS = "startedAtMs";
    /** Terminal {@code occurredAt} minus {@code startedAt}, when both are known. */
    public static final String DURATION_MS = "durationMs";

    /** Fields a newer event replaces as a whole (absent optional values are removed). */
    public static final List<String> EVENT_FIELDS = List.of(EVENT_ID, EXECUTION_ID, TASK_NAME, STATUS, PROJECT,
            OCCURRED_AT, OCCURRED_AT_MS, FLOW, ACTOR_PROVIDER, ACTOR_ID, PR_LINKS, RESPONSIBLE_USERS, ERROR_MESSAGE,
            ERROR_TYPE, SCHEMA_VERSION, LAST_EVENT_ID);

    /**
     * Fields {@link TaskItem#fromHash} reads, for an {@code HMGET} of only those: half the reply of an
     * {@code HGETALL}, which also names every field.
     */
    public static final List<String> ITEM_FIELDS = List.of(EVENT_ID, EXECUTION_ID, TASK_NAME, STATUS, PROJECT,
            OCCURRED_AT, FLOW, ACTOR_PROVIDER, ACTOR_ID, PR_LINKS, RESPONSIBLE_USERS, ERROR_MESSAGE, ERROR_TYPE,
            LAST_EVENT_ID, STARTED_AT, DURATION_MS);

    private ExecutionHash() {
    }
}
