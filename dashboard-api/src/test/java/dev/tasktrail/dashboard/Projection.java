package dev.tasktrail.dashboard;

import dev.tasktrail.model.Actor;
import dev.tasktrail.model.DecodeResult;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Visibility;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.XGroupCreateArgs;
import io.quarkus.redis.datasource.stream.XReadGroupArgs;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Plays the publisher and the projector for dashboard tests: appends events to the stream and projects them into
 * the keys of SPEC §2 (hash via {@link TaskItem#toHash}, project, global and per-status indexes) with the
 * projector's consumer group, acknowledging only after storing, as the real projector does.
 */
public final class Projection {

    public static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    public static final String PROJECTOR_GROUP = "task-status-projector";
    private static final String CONSUMER = "test-projector";

    private final RedisDataSource redis;

    public Projection(RedisDataSource redis) {
        this.redis = redis;
    }

    public static TaskEvent event(String executionId, String project, TaskStatus status, Instant occurredAt) {
        return event(executionId, project, status, occurredAt, new Actor("slack", "U-" + executionId), List.of());
    }

    public static TaskEvent event(String executionId, String project, TaskStatus status, Instant occurredAt, Actor actor,
            List<String> responsibleUsers) {
        return new TaskEvent(UUID.randomUUID().toString(), executionId, "task " + executionId, status, project,
                occurredAt, "flow/" + executionId, actor, List.of("https://github.com/" + project + "/pull/1"),
                new Visibility(responsibleUsers), null, TaskEvent.SCHEMA_VERSION);
    }

    public void clear() {
        redis.flushall();
    }

    /** Appends the event as task-publisher would. */
    public StreamEntryId publish(TaskEvent event) {
        return StreamEntryId.parse(redis.stream(String.class)
                .xadd(STREAM, Map.of(RedisKeys.EVENT_FIELD, TaskEventCodec.encode(event))));
    }

    /** Publishes and projects: the common case. */
    public TaskItem record(TaskEvent event) {
        publish(event);
        projectNewEntries();
        return item(event.executionId());
    }

    /**
     * Projects, then acknowledges, what the projector's group has pending (delivered earlier, not yet
     * acknowledged) and every entry not delivered yet, as the projector does.
     */
    public List<StreamEntryId> projectNewEntries() {
        List<StreamMessage<String, String, String>> messages = new ArrayList<>(read("0"));
        messages.addAll(read(">"));
        List<StreamEntryId> projected = new ArrayList<>();
        for (StreamMessage<String, String, String> message : messages) {
            DecodeResult decoded = TaskEventCodec.decode(message.payload().get(RedisKeys.EVENT_FIELD));
            StreamEntryId id = StreamEntryId.parse(message.id());
            apply(TaskItem.fromEvent(decoded.event().orElseThrow(), id));
            redis.stream(String.class).xack(STREAM, PROJECTOR_GROUP, message.id());
            projected.add(id);
        }
        return projected;
    }

    /** Delivers the new entries to the projector's group but neither projects nor acknowledges them yet. */
    public List<StreamMessage<String, String, String>> deliverNewEntries() {
        return read(">");
    }

    private List<StreamMessage<String, String, String>> read(String from) {
        ensureGroup();
        List<StreamMessage<String, String, String>> messages = redis.stream(String.class)
                .xreadgroup(PROJECTOR_GROUP, CONSUMER, STREAM, from, new XReadGroupArgs().count(10_000));
        return messages == null ? List.of() : messages;
    }

    public void ensureGroup() {
        try {
            redis.stream(String.class).xgroupCreate(STREAM, PROJECTOR_GROUP, "0", new XGroupCreateArgs().mkstream());
        } catch (RuntimeException e) {
            if (e.getMessage() == null || !e.getMessage().contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    /** Applies a state with the ordering rule: an older state never replaces a newer one. */
    public void apply(TaskItem item) {
        Map<String, String> current = redis.hash(String.class).hgetall(RedisKeys.execution(item.executionId()));
        if (current.isEmpty() || item.version().supersedes(TaskItem.fromHash(current).version())) {
            store(item);
        }
    }

    /** Writes an item's projected state directly: its hash, and its entries in every index (SPEC §2). */
    public void store(TaskItem item) {
        String executionId = item.executionId();
        double score = item.occurredAt().toEpochMilli();
        for (TaskStatus status : TaskStatus.values()) {
            redis.sortedSet(String.class).zrem(RedisKeys.projectStatusIndex(item.project(), status), executionId);
            redis.sortedSet(String.class).zrem(RedisKeys.statusIndex(status), executionId);
        }
        redis.key().del(RedisKeys.execution(executionId));
        redis.hash(String.class).hset(RedisKeys.execution(executionId), item.toHash());
        redis.sortedSet(String.class).zadd(RedisKeys.projectIndex(item.project()), score, executionId);
        redis.sortedSet(String.class).zadd(RedisKeys.GLOBAL_INDEX, score, executionId);
        redis.sortedSet(String.class).zadd(RedisKeys.projectStatusIndex(item.project(), item.status()), score,
                executionId);
        redis.sortedSet(String.class).zadd(RedisKeys.statusIndex(item.status()), score, executionId);
    }

    public TaskItem item(String executionId) {
        return TaskItem.fromHash(redis.hash(String.class).hgetall(RedisKeys.execution(executionId)));
    }
}
