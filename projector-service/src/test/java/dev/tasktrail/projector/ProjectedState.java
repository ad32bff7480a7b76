package dev.tasktrail.projector;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.model.EventVersion;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.sortedset.ScoredValue;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Publishes events and checks the projection: the expected state is computed independently of the script, from
 * shared-model's ordering rule ({@link EventVersion}).
 */
public final class ProjectedState {

    /** An event as stored in the stream. */
    public record Published(StreamEntryId entryId, TaskEvent event) {
    }

    private ProjectedState() {
    }

    /** Appends the events in the given order, pipelined in chunks; returns them with their entry ids. */
    public static List<Published> publish(Redis redis, String stream, List<TaskEvent> events) {
        List<Published> published = new ArrayList<>(events.size());
        for (int from = 0; from < events.size(); from += 500) {
            List<TaskEvent> chunk = events.subList(from, Math.min(events.size(), from + 500));
            List<Request> adds = chunk.stream()
                    .map(event -> Request.cmd(Command.XADD).arg(stream).arg("*")
                            .arg(RedisKeys.EVENT_FIELD).arg(TaskEventCodec.encode(event)))
                    .toList();
            List<Response> ids = redis.batch(adds).await().atMost(Duration.ofSeconds(30));
            for (int i = 0; i < chunk.size(); i++) {
                published.add(new Published(StreamEntryId.parse(ids.get(i).toString()), chunk.get(i)));
            }
        }
        return published;
    }

    /** The state SPEC §2 defines for these events, per executionId. */
    public static Map<String, TaskItem> expected(List<Published> published) {
        Map<String, List<Published>> byExecution = new HashMap<>();
        published.forEach(p -> byExecution.computeIfAbsent(p.event().executionId(), id -> new ArrayList<>()).add(p));
        Map<String, TaskItem> expected = new TreeMap<>();
        byExecution.forEach((executionId, events) -> {
            Published newest = events.stream()
                    .max(Comparator.comparing(p -> EventVersion.of(p.event(), p.entryId())))
                    .orElseThrow();
            Instant startedAt = events.stream()
                    .filter(p -> p.event().status() == TaskStatus.IN_PROGRESS)
                    .map(p -> p.event().occurredAt())
                    .min(Comparator.naturalOrder())
                    .orElse(null);
            TaskItem item = TaskItem.fromEvent(newest.event(), newest.entryId());
            Long durationMs = item.status().isTerminal() && startedAt != null
                    ? item.occurredAt().toEpochMilli() - startedAt.toEpochMilli()
                    : null;
            expected.put(executionId, new TaskItem(item.executionId(), item.taskName(), item.status(), item.project(),
                    item.occurredAt(), item.flow(), item.actor(), item.prLinks(), item.visibility(), item.error(),
                    item.eventId(), item.lastEventId(), startedAt, durationMs));
        });
        return expected;
    }

    public static TaskItem projected(RedisDataSource redis, String executionId) {
        return TaskItem.fromHash(redis.hash(String.class).hgetall(RedisKeys.execution(executionId)));
    }

    public static boolean isProjected(RedisDataSource redis, Map<String, TaskItem> expected) {
        return expected.entrySet().stream().allMatch(entry -> {
            Map<String, String> hash = redis.hash(String.class).hgetall(RedisKeys.execution(entry.getKey()));
            return !hash.isEmpty() && TaskItem.fromHash(hash).equals(entry.getValue());
        });
    }

    /** Every execution hash and every index holds exactly what {@code expected} implies, and no more keys exist. */
    public static void assertExactly(RedisDataSource redis, Map<String, TaskItem> expected) {
        Map<String, Map<String, Double>> indexes = new HashMap<>();
        for (TaskItem item : expected.values()) {
            assertThat(projected(redis, item.executionId())).as(item.executionId()).isEqualTo(item);
            double score = item.occurredAt().toEpochMilli();
            for (String index : List.of(RedisKeys.GLOBAL_INDEX, RedisKeys.projectIndex(item.project()),
                    RedisKeys.statusIndex(item.status()), RedisKeys.projectStatusIndex(item.project(), item.status()))) {
                indexes.computeIfAbsent(index, key -> new HashMap<>()).put(item.executionId(), score);
            }
        }
        indexes.forEach((index, members) -> assertThat(scores(redis, index)).as(index).isEqualTo(members));

        Set<String> expectedKeys = new HashSet<>(indexes.keySet());
        expected.keySet().forEach(executionId -> expectedKeys.add(RedisKeys.execution(executionId)));
        assertThat(new HashSet<>(redis.key().keys("task-tracking:*"))).isEqualTo(expectedKeys);
    }

    public static Map<String, Double> scores(RedisDataSource redis, String index) {
        Map<String, Double> scores = new HashMap<>();
        for (ScoredValue<String> member : redis.sortedSet(String.class).zrangeWithScores(index, 0, -1)) {
            scores.put(member.value(), member.score());
        }
        return scores;
    }
}
