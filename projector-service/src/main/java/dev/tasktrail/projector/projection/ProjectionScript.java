package dev.tasktrail.projector.projection;

import static dev.tasktrail.service.stream.LuaScript.luaString;
import static dev.tasktrail.service.stream.LuaScript.luaStrings;

import dev.tasktrail.model.ExecutionHash;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Timestamps;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.LuaScript;
import io.vertx.mutiny.redis.client.Request;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The projection of one event as one Lua script ({@code lua/project-event.lua}): hash, project and global index
 * ({@code ZADD GT}) and status indexes change in one atomic step, and only when the event is newer than the
 * projected state (SPEC §2 ordering rule). Field names and key shapes come from shared-model.
 */
final class ProjectionScript {

    static final LuaScript SCRIPT = LuaScript.fromResource(ProjectionScript.class, "lua/project-event.lua", placeholders());

    private ProjectionScript() {
    }

    /** The {@code EVALSHA} that projects {@code entry}. */
    static Request request(ConsumedEntry entry) {
        TaskEvent event = entry.event();
        List<String> keys = new ArrayList<>(3 + 2 * TaskStatus.values().length);
        keys.add(RedisKeys.execution(event.executionId()));
        keys.add(RedisKeys.projectIndex(event.project()));
        keys.add(RedisKeys.GLOBAL_INDEX);
        for (TaskStatus status : TaskStatus.values()) {
            keys.add(RedisKeys.projectStatusIndex(event.project(), status));
        }
        for (TaskStatus status : TaskStatus.values()) {
            keys.add(RedisKeys.statusIndex(status));
        }

        // The script derives startedAt and durationMs itself; the event supplies only its own fields.
        Map<String, String> fields = TaskItem.fromEvent(event, entry.id()).toHash();
        fields.keySet().retainAll(ExecutionHash.EVENT_FIELDS);
        List<String> args = new ArrayList<>(6 + 2 * fields.size());
        args.add(entry.id().toString());
        args.add(Timestamps.format(event.occurredAt()));
        args.add(Long.toString(event.occurredAt().toEpochMilli()));
        args.add(Integer.toString(event.status().ordinal() + 1));
        args.add(event.executionId());
        args.add(event.project());
        fields.forEach((field, value) -> {
            args.add(field);
            args.add(value);
        });
        return SCRIPT.request(keys, args);
    }

    private static Map<String, String> placeholders() {
        // Project keys have the shape prefix + project + suffix; the script builds an old project's keys from them.
        String marker = "\u0000";
        String projectIndex = RedisKeys.projectIndex(marker);
        String prefix = projectIndex.substring(0, projectIndex.indexOf(marker));
        List<String> statusSuffixes = Arrays.stream(TaskStatus.values())
                .map(status -> suffixAfter(RedisKeys.projectStatusIndex(marker, status), prefix, marker))
                .toList();
        return Map.ofEntries(
                Map.entry("EVENT_FIELDS", luaStrings(ExecutionHash.EVENT_FIELDS)),
                Map.entry("STATUS_NAMES", luaStrings(TaskStatus.WIRE_NAMES)),
                Map.entry("IN_PROGRESS_POSITION", Integer.toString(TaskStatus.IN_PROGRESS.ordinal() + 1)),
                Map.entry("PROJECT_INDEX_PREFIX", luaString(prefix)),
                Map.entry("PROJECT_INDEX_SUFFIX", luaString(suffixAfter(projectIndex, prefix, marker))),
                Map.entry("PROJECT_STATUS_INDEX_SUFFIXES", luaStrings(statusSuffixes)),
                Map.entry("OCCURRED_AT_MS", luaString(ExecutionHash.OCCURRED_AT_MS)),
                Map.entry("LAST_EVENT_ID", luaString(ExecutionHash.LAST_EVENT_ID)),
                Map.entry("STATUS", luaString(ExecutionHash.STATUS)),
                Map.entry("PROJECT", luaString(ExecutionHash.PROJECT)),
                Map.entry("STARTED_AT", luaString(ExecutionHash.STARTED_AT)),
                Map.entry("STARTED_AT_MS", luaString(ExecutionHash.STARTED_AT_MS)),
                Map.entry("DURATION_MS", luaString(ExecutionHash.DURATION_MS)));
    }

    private static String suffixAfter(String key, String prefix, String marker) {
        if (!key.startsWith(prefix + marker)) {
            throw new IllegalStateException("project keys no longer share the shape prefix + project + suffix: " + key);
        }
        return key.substring(prefix.length() + marker.length());
    }
}
