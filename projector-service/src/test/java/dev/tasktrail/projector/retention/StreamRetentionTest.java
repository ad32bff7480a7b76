package dev.tasktrail.projector.retention;

import static dev.tasktrail.projector.StreamFixture.ids;
import static dev.tasktrail.projector.StreamFixture.lag;
import static dev.tasktrail.projector.StreamFixture.pending;
import static dev.tasktrail.projector.StreamFixture.readAs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.projector.ProjectedState;
import dev.tasktrail.projector.TestEvents;
import dev.tasktrail.projector.retention.StreamRetention.Trim;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Retention trims only what every group acknowledged, and keeps the minimum history. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class StreamRetentionTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String PROJECTOR = "task-status-projector";
    private static final String ARCHIVER = "archiver-like";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    StreamRetention retention;

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @BeforeEach
    void emptyStream() {
        await().atMost(WAIT).until(this::projectorIsIdle);
        destroyOtherGroups();
        redis.execute("XTRIM", STREAM, "MAXLEN", "0");
    }

    private boolean projectorIsIdle() {
        return redis.key().exists(STREAM) && pending(redis, STREAM, PROJECTOR) == 0 && lag(redis, STREAM, PROJECTOR) == 0;
    }

    private Trim trim(long minEntries, Duration minAge) {
        return retention.trim(minEntries, minAge).await().atMost(WAIT);
    }

    @Test
    void trimsOnlyEntriesEveryGroupHasAcknowledgedAndKeepsTheMinimumHistory() {
        ProjectedState.publish(client, STREAM, IntStream.range(0, 100)
                .mapToObj(i -> TestEvents.event("exec-" + i, TaskStatus.IN_PROGRESS, "acme/rocket", i))
                .toList());
        List<String> ids = ids(redis, STREAM);
        await().atMost(WAIT).until(this::projectorIsIdle);

        // Another group has 50 entries delivered, 20 of them acknowledged, and 50 not delivered yet.
        redis.execute("XGROUP", "CREATE", STREAM, ARCHIVER, "0");
        assertThat(readAs(redis, STREAM, ARCHIVER, "gone", 50)).isEqualTo(ids.subList(0, 50));
        acknowledge(ARCHIVER, ids.subList(0, 20));

        Trim first = trim(10, Duration.ZERO);

        assertThat(first).isEqualTo(new Trim(20, 80, ARCHIVER));
        assertThat(ids(redis, STREAM)).isEqualTo(ids.subList(20, 100)); // every pending and undelivered entry

        // Replicas trimming at the same time agree: nothing more is safe to trim.
        List<Trim> concurrent = Uni.join().all(retention.trim(10, Duration.ZERO), retention.trim(10, Duration.ZERO))
                .andFailFast().await().atMost(WAIT);
        assertThat(concurrent).extracting(Trim::trimmed).containsExactly(0L, 0L);
        assertThat(ids(redis, STREAM)).isEqualTo(ids.subList(20, 100));

        // Acknowledged up to the last delivered entry: everything before it may go.
        acknowledge(ARCHIVER, ids.subList(20, 50));
        assertThat(trim(10, Duration.ZERO)).isEqualTo(new Trim(29, 51, ARCHIVER));
        assertThat(ids(redis, STREAM)).isEqualTo(ids.subList(49, 100));

        // Once all is acknowledged, the minimum history is what stops the trim.
        acknowledge(ARCHIVER, readAs(redis, STREAM, ARCHIVER, "gone", 100));
        assertThat(trim(10, Duration.ZERO)).isEqualTo(new Trim(41, 10, "min-entries"));
        assertThat(ids(redis, STREAM)).isEqualTo(ids.subList(90, 100));
    }

    @Test
    void keepsEntriesYoungerThanTheMinimumAge() {
        ProjectedState.publish(client, STREAM, IntStream.range(0, 30)
                .mapToObj(i -> TestEvents.event("young-" + i, TaskStatus.SUCCESS, "acme/rocket", i))
                .toList());
        await().atMost(WAIT).until(this::projectorIsIdle);
        long length = redis.execute("XLEN", STREAM).toLong();

        assertThat(trim(1, Duration.ofHours(1))).isEqualTo(new Trim(0, length, "min-age"));
        assertThat(trim(1, Duration.ZERO).remaining()).isEqualTo(1);
    }

    @Test
    void aGroupThatHasReadNothingYetKeepsEverything() {
        ProjectedState.publish(client, STREAM, IntStream.range(0, 5)
                .mapToObj(i -> TestEvents.event("early-" + i, TaskStatus.SUCCESS, "acme/rocket", i))
                .toList());
        await().atMost(WAIT).until(this::projectorIsIdle);
        destroyOtherGroups();
        redis.execute("XGROUP", "CREATE", STREAM, "new-deployment", "0");
        long length = redis.execute("XLEN", STREAM).toLong();

        assertThat(trim(1, Duration.ZERO)).isEqualTo(new Trim(0, length, "new-deployment"));
    }

    private void acknowledge(String group, List<String> ids) {
        String[] args = new String[ids.size() + 2];
        args[0] = STREAM;
        args[1] = group;
        for (int i = 0; i < ids.size(); i++) {
            args[i + 2] = ids.get(i);
        }
        redis.execute("XACK", args);
    }

    private void destroyOtherGroups() {
        redis.execute("XGROUP", "DESTROY", STREAM, ARCHIVER);
        redis.execute("XGROUP", "DESTROY", STREAM, "new-deployment");
    }
}
