package dev.tasktrail.model;

/**
 * Every Redis key and stream field name the services share (SPEC §2). Keys are only ever added, never renamed.
 *
 * <p>The projection touches several of these keys in one script, so they must live on one Redis node
 * (no Redis Cluster slot spreading).
 */
public final class RedisKeys {

    /** Default of {@code TASK_TRACKING_REDIS_STREAM_KEY}. */
    public static final String DEFAULT_STREAM_KEY = "task-events:v1";
    /** The single field of a stream entry; its value is the event's JSON text. */
    public static final String EVENT_FIELD = "event";
    /** Index of every projected execution, all projects; score = occurredAt in epoch ms. */
    public static final String GLOBAL_INDEX = "task-tracking:executions";

    private static final String PREFIX = "task-tracking:";

    private RedisKeys() {
    }

    /** Where entries that cannot be processed go, with the reason: {@code {streamKey}:dead}. */
    public static String deadLetterStream(String streamKey) {
        return streamKey + ":dead";
    }

    /**
     * The archiver's seals for one consumer group: {@code {streamKey}:archive-seals:{group}}, a hash recording, for
     * every batch being written to S3, its object key and entries ({@code object:{key}} → ids, {@code entry:{id}} →
     * key), so that a retry after a crash writes the same object.
     */
    public static String archiveSeals(String streamKey, String group) {
        return streamKey + ":archive-seals:" + group;
    }

    /** Hash with the latest state of one execution (fields: {@link ExecutionHash}). */
    public static String execution(String executionId) {
        return PREFIX + "execution:" + executionId;
    }

    /** Sorted set of a project's executions; score = occurredAt in epoch ms, member = executionId. */
    public static String projectIndex(String project) {
        return PREFIX + "project:" + project + ":executions";
    }

    /** Executions of one project whose projected status is {@code status}. */
    public static String projectStatusIndex(String project, TaskStatus status) {
        return PREFIX + "project:" + project + ":status:" + status.wireName() + ":executions";
    }

    /** Executions of every project whose projected status is {@code status}. */
    public static String statusIndex(TaskStatus status) {
        return PREFIX + "status:" + status.wireName() + ":executions";
    }

    /** The publisher's idempotency record of an {@code eventId}: holds the stream entry id it was added as. */
    public static String publishedEvent(String eventId) {
        return PREFIX + "published:" + eventId;
    }

    /** Fields of a dead-letter stream entry. */
    public static final class DeadLetter {
        /** Id of the entry in the source stream. */
        public static final String ENTRY_ID = "entryId";
        /** The raw value of the entry's {@code event} field, unchanged (empty when the field was missing). */
        public static final String EVENT = EVENT_FIELD;
        /** Consumer group that gave up on the entry. */
        public static final String GROUP = "group";
        /** Why: the violations, or the last error after too many deliveries. */
        public static final String REASON = "reason";

        private DeadLetter() {
        }
    }
}
