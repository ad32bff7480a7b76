package dev.tasktrail.projector.projection;

import static dev.tasktrail.projector.TestEvents.T0;
import static dev.tasktrail.projector.TestEvents.entry;
import static dev.tasktrail.projector.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.model.ExecutionHash;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.projector.ProjectedState;
import dev.tasktrail.projector.ProjectedState.Published;
import dev.tasktrail.projector.projection.Projection.Outcome;
import dev.tasktrail.service.stream.Acknowledger;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.testing.PrometheusMetrics;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection script on its own: events applied in a chosen order, with chosen entry ids. (That the running
 * service feeds it from the stream is shown by the other test classes.)
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ProjectionTest {

    private static final String PROJECT = "acme/rocket";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    Projection projection;

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void flushProjection() {
        redis.key().keys("task-tracking:*").forEach(key -> redis.key().del(key));
    }

    private List<Outcome> apply(ConsumedEntry... entries) {
        List<Outcome> outcomes = new ArrayList<>();
        for (ConsumedEntry entry : entries) {
            outcomes.add(projection.applyOne(entry).await().atMost(WAIT));
        }
        return outcomes;
    }

    /** Applies the entries in the given order and checks the result against the model's ordering rule. */
    private void applyAndExpectModelState(ConsumedEntry... entries) {
        apply(entries);
        List<Published> published = new ArrayList<>();
        for (ConsumedEntry entry : entries) {
            published.add(new Published(entry.id(), entry.event()));
        }
        ProjectedState.assertExactly(redis, ProjectedState.expected(published));
    }

    @Test
    void anOlderEventNeverOverwritesTheNewerStateAndTheIndexScoreIsTheNewest() {
        ConsumedEntry success = entry("1000-0", event("exec-1", TaskStatus.SUCCESS, PROJECT, 10));
        ConsumedEntry lateStart = entry("1001-0", event("exec-1", TaskStatus.IN_PROGRESS, PROJECT, 5));

        assertThat(apply(success, lateStart)).containsExactly(Outcome.APPLIED, Outcome.IGNORED_AS_OLDER);

        TaskItem state = ProjectedState.projected(redis, "exec-1");
        assertThat(state.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(state.occurredAt()).isEqualTo(T0.plusSeconds(10));
        assertThat(state.lastEventId()).isEqualTo(StreamEntryId.parse("1000-0"));
        assertThat(state.eventId()).isEqualTo(success.event().eventId());
        // The late in_progress event still tells when the execution started.
        assertThat(state.startedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(state.durationMs()).isEqualTo(5_000);
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.projectIndex(PROJECT), "exec-1"))
                .hasValue(T0.plusSeconds(10).toEpochMilli());
        assertThat(redis.sortedSet(String.class).zscore(RedisKeys.GLOBAL_INDEX, "exec-1"))
                .hasValue(T0.plusSeconds(10).toEpochMilli());
        applyAndExpectModelState(success, lateStart);
    }

    @Test
    void forEqualInstantsTheLaterEntryWinsComparedNumerically() {
        TaskEvent failed = event("exec-2", TaskStatus.ERROR, PROJECT, 7);
        TaskEvent succeeded = event("exec-2", TaskStatus.SUCCESS, PROJECT, 7);
        // 5-10 is after 5-9 (as text it would be before).
        ConsumedEntry earlier = entry("5-9", failed);
        ConsumedEntry later = entry("5-10", succeeded);

        assertThat(apply(later, earlier)).containsExactly(Outcome.APPLIED, Outcome.IGNORED_AS_OLDER);
        assertThat(ProjectedState.projected(redis, "exec-2").status()).isEqualTo(TaskStatus.SUCCESS);

        flushProjection();
        assertThat(apply(earlier, later)).containsExactly(Outcome.APPLIED, Outcome.APPLIED);
        assertThat(ProjectedState.projected(redis, "exec-2").lastEventId()).isEqualTo(StreamEntryId.parse("5-10"));

        flushProjection();
        // Milliseconds part decides before the sequence: 10-0 is after 9-99.
        apply(entry("10-0", succeeded), entry("9-99", failed));
        assertThat(ProjectedState.projected(redis, "exec-2").status()).isEqualTo(TaskStatus.SUCCESS);
    }

    @Test
    void replayingTheSameEntriesChangesNothing() {
        ConsumedEntry started = entry("1-0", event("exec-3", TaskStatus.IN_PROGRESS, PROJECT, 1));
        ConsumedEntry failed = entry("2-0", event("exec-3", TaskStatus.ERROR, PROJECT, 4));
        apply(started, failed);
        Map<String, String> hash = redis.hash(String.class).hgetall(RedisKeys.execution("exec-3"));
        Map<String, Double> index = ProjectedState.scores(redis, RedisKeys.projectIndex(PROJECT));

        assertThat(apply(failed, started, failed)).containsOnly(Outcome.IGNORED_AS_OLDER);

        assertThat(redis.hash(String.class).hgetall(RedisKeys.execution("exec-3"))).isEqualTo(hash);
        assertThat(ProjectedState.scores(redis, RedisKeys.projectIndex(PROJECT))).isEqualTo(index);
        applyAndExpectModelState(started, failed, failed, started);
    }

    @Test
    void anExecutionSitsInTheStatusIndexOfItsProjectedStatusOnly() {
        apply(entry("1-0", event("exec-4", TaskStatus.IN_PROGRESS, PROJECT, 1)));
        assertThat(statusIndexesHolding("exec-4")).containsExactlyInAnyOrder(
                RedisKeys.statusIndex(TaskStatus.IN_PROGRESS), RedisKeys.projectStatusIndex(PROJECT, TaskStatus.IN_PROGRESS));

        apply(entry("2-0", event("exec-4", TaskStatus.ERROR, PROJECT, 2)));
        assertThat(statusIndexesHolding("exec-4")).containsExactlyInAnyOrder(
                RedisKeys.statusIndex(TaskStatus.ERROR), RedisKeys.projectStatusIndex(PROJECT, TaskStatus.ERROR));

        apply(entry("3-0", event("exec-4", TaskStatus.SUCCESS, PROJECT, 3)),
                entry("4-0", event("exec-4", TaskStatus.IN_PROGRESS, PROJECT, 1)));
        assertThat(statusIndexesHolding("exec-4")).containsExactlyInAnyOrder(
                RedisKeys.statusIndex(TaskStatus.SUCCESS), RedisKeys.projectStatusIndex(PROJECT, TaskStatus.SUCCESS));
    }

    private List<String> statusIndexesHolding(String executionId) {
        List<String> indexes = new ArrayList<>();
        for (TaskStatus status : TaskStatus.values()) {
            for (String index : List.of(RedisKeys.statusIndex(status), RedisKeys.projectStatusIndex(PROJECT, status))) {
                if (redis.sortedSet(String.class).zscore(index, executionId).isPresent()) {
                    indexes.add(index);
                }
            }
        }
        return indexes;
    }

    @Test
    void startedAtIsTheEarliestInProgressEvenWhenItArrivesLast() {
        ConsumedEntry retry = entry("1-0", event("exec-5", TaskStatus.IN_PROGRESS, PROJECT, 5));
        ConsumedEntry done = entry("2-0", event("exec-5", TaskStatus.SUCCESS, PROJECT, 10));
        ConsumedEntry firstStart = entry("3-0", event("exec-5", TaskStatus.IN_PROGRESS, PROJECT, 3));

        apply(retry);
        assertThat(ProjectedState.projected(redis, "exec-5").durationMs()).isNull();
        apply(done);
        assertThat(ProjectedState.projected(redis, "exec-5").durationMs()).isEqualTo(5_000);
        apply(firstStart);

        TaskItem state = ProjectedState.projected(redis, "exec-5");
        assertThat(state.status()).isEqualTo(TaskStatus.SUCCESS);
        assertThat(state.startedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(state.durationMs()).isEqualTo(7_000);
        applyAndExpectModelState(retry, done, firstStart);
    }

    @Test
    void durationIsUnknownWithoutAnyInProgressEvent() {
        applyAndExpectModelState(entry("1-0", event("exec-6", TaskStatus.ERROR, PROJECT, 2)));

        Map<String, String> hash = redis.hash(String.class).hgetall(RedisKeys.execution("exec-6"));
        assertThat(hash).doesNotContainKeys(ExecutionHash.STARTED_AT, ExecutionHash.DURATION_MS);
    }

    @Test
    void aNewerStateDropsOptionalFieldsTheEventDoesNotHave() {
        apply(entry("1-0", event("exec-7", TaskStatus.ERROR, PROJECT, 1)));
        assertThat(redis.hash(String.class).hgetall(RedisKeys.execution("exec-7")))
                .containsKeys(ExecutionHash.ERROR_MESSAGE, ExecutionHash.ERROR_TYPE);

        apply(entry("2-0", event("exec-7", TaskStatus.SUCCESS, PROJECT, 2)));

        assertThat(redis.hash(String.class).hgetall(RedisKeys.execution("exec-7")))
                .doesNotContainKeys(ExecutionHash.ERROR_MESSAGE, ExecutionHash.ERROR_TYPE)
                .containsEntry(ExecutionHash.FLOW, "flow/success");
    }

    @Test
    void anExecutionThatMovesToAnotherProjectLeavesTheOldProjectsIndexes() {
        ConsumedEntry before = entry("1-0", event("exec-8", TaskStatus.IN_PROGRESS, "acme/old", 1));
        ConsumedEntry after = entry("2-0", event("exec-8", TaskStatus.SUCCESS, "acme/new", 2));
        ConsumedEntry staleOld = entry("3-0", event("exec-8", TaskStatus.ERROR, "acme/old", 0));

        applyAndExpectModelState(before, after, staleOld);

        assertThat(redis.key().exists(RedisKeys.projectIndex("acme/old"))).isFalse();
        assertThat(redis.key().exists(RedisKeys.projectStatusIndex("acme/old", TaskStatus.IN_PROGRESS))).isFalse();
        assertThat(ProjectedState.projected(redis, "exec-8").project()).isEqualTo("acme/new");
    }

    @Test
    void anEventRedisRejectsIsLeftForRedeliveryWhileTheRestOfTheBatchIsAcknowledgedAndCounted() {
        redis.value(String.class).set(RedisKeys.execution("exec-broken"), "not a hash"); // WRONGTYPE for the script
        ConsumedEntry first = entry("1-0", event("exec-9", TaskStatus.IN_PROGRESS, PROJECT, 2));
        ConsumedEntry broken = entry("2-0", event("exec-broken", TaskStatus.IN_PROGRESS, PROJECT, 1));
        ConsumedEntry last = entry("3-0", event("exec-10", TaskStatus.SUCCESS, PROJECT, 1));
        ConsumedEntry stale = entry("4-0", event("exec-9", TaskStatus.IN_PROGRESS, PROJECT, 1));
        RecordingAcknowledger acknowledger = new RecordingAcknowledger();
        ProjectionCounts before = ProjectionCounts.now();

        projection.handle(List.of(first, broken, last, stale), acknowledger).await().atMost(WAIT);

        assertThat(acknowledger.acknowledged).containsExactly(first.id(), last.id(), stale.id());
        assertThat(acknowledger.failed).containsOnlyKeys(broken);
        assertThat(acknowledger.failed.get(broken)).hasMessageContaining("WRONGTYPE");
        assertThat(ProjectedState.projected(redis, "exec-9").lastEventId()).isEqualTo(first.id());
        assertThat(ProjectedState.projected(redis, "exec-10").status()).isEqualTo(TaskStatus.SUCCESS);
        // Redis applied the rest of the batch despite the rejected call: first and last count as applied, only
        // the stale event as older.
        assertThat(ProjectionCounts.now().since(before)).isEqualTo(new ProjectionCounts(2, 1));
    }

    @Test
    void aWholeBatchIsAppliedAndAcknowledgedInOneGo() {
        ConsumedEntry started = entry("1-0", event("exec-11", TaskStatus.IN_PROGRESS, PROJECT, 1));
        ConsumedEntry other = entry("2-0", event("exec-12", TaskStatus.IN_PROGRESS, PROJECT, 1));
        ConsumedEntry done = entry("3-0", event("exec-11", TaskStatus.SUCCESS, PROJECT, 2));
        RecordingAcknowledger acknowledger = new RecordingAcknowledger();
        redis.execute("SCRIPT", "FLUSH"); // the first pipeline finds no script and loads it
        ProjectionCounts before = ProjectionCounts.now();

        projection.handle(List.of(started, other, done), acknowledger).await().atMost(WAIT);

        assertThat(acknowledger.acknowledged).containsExactly(started.id(), other.id(), done.id());
        assertThat(acknowledger.failed).isEmpty();
        ProjectedState.assertExactly(redis, ProjectedState.expected(List.of(new Published(started.id(), started.event()),
                new Published(other.id(), other.event()), new Published(done.id(), done.event()))));
        assertThat(ProjectionCounts.now().since(before)).isEqualTo(new ProjectionCounts(3, 0));
    }

    /** The projection's counters as {@code /q/metrics} shows them. */
    private record ProjectionCounts(double applied, double ignoredAsOlder) {
        static ProjectionCounts now() {
            return new ProjectionCounts(PrometheusMetrics.sum("tasktrail_projector_entries_applied_total"),
                    PrometheusMetrics.sum("tasktrail_projector_entries_ignored_total", Map.of("reason", "older")));
        }

        ProjectionCounts since(ProjectionCounts before) {
            return new ProjectionCounts(applied - before.applied, ignoredAsOlder - before.ignoredAsOlder);
        }
    }

    private static final class RecordingAcknowledger implements Acknowledger {
        final List<StreamEntryId> acknowledged = new CopyOnWriteArrayList<>();
        final Map<ConsumedEntry, Throwable> failed = new ConcurrentHashMap<>();

        @Override
        public Uni<Void> ackIds(Collection<StreamEntryId> ids) {
            acknowledged.addAll(ids);
            return Uni.createFrom().voidItem();
        }

        @Override
        public void release(Collection<StreamEntryId> ids) {
            throw new AssertionError("the projection never releases entries: " + ids);
        }

        @Override
        public void fail(ConsumedEntry entry, Throwable error) {
            failed.put(entry, error);
        }
    }
}
