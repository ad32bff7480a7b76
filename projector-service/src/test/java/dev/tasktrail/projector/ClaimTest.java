package dev.tasktrail.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.projector.projection.ProjectionConsumer;
import dev.tasktrail.service.stream.StreamConsumerLoop;
import dev.tasktrail.testing.PrometheusMetrics;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Entries a vanished consumer left pending are claimed (test claim idle time: 1 s) and projected by another
 * replica; entries that keep failing end in the dead-letter stream.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ClaimTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String GROUP = "task-status-projector";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    ProjectionConsumer consumer;

    @Inject
    RedisDataSource redis;

    private StreamConsumerLoop rescuer;

    @BeforeEach
    void stopTheServicesOwnConsumer() {
        // So that the entries below go to the vanished consumer and nowhere else.
        consumer.loop().stop().await().atMost(WAIT);
    }

    @AfterEach
    void stopRescuer() {
        if (rescuer != null) {
            rescuer.stop().await().atMost(WAIT);
        }
    }

    private String xadd(String executionId) {
        return redis.stream(String.class).xadd(STREAM, Map.of(RedisKeys.EVENT_FIELD,
                TaskEventCodec.encode(TestEvents.event(executionId, TaskStatus.SUCCESS, "acme/rocket", 3))));
    }

    @Test
    void anEntryLeftPendingByAVanishedConsumerIsClaimedAndProjected() {
        String orphan = xadd("exec-orphan");
        assertThat(StreamFixture.readAs(redis, STREAM, GROUP, "vanished-pod", 10)).containsExactly(orphan);
        String poison = xadd("exec-poison");
        assertThat(StreamFixture.readAs(redis, STREAM, GROUP, "crash-looping-pod", 10)).containsExactly(poison);
        for (int restart = 0; restart < 5; restart++) {
            redis.execute("XCLAIM", STREAM, GROUP, "crash-looping-pod", "0", poison); // delivered again each time
        }

        rescuer = consumer.newLoop("rescuer");
        rescuer.start();

        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.execution("exec-orphan")));
        assertThat(ProjectedState.projected(redis, "exec-orphan").lastEventId().toString()).isEqualTo(orphan);
        await().atMost(WAIT).until(() -> StreamFixture.pending(redis, STREAM, GROUP) == 0);
        // The poison entry was delivered 7 times, more than the 5 allowed: dead-lettered, not projected.
        var deadLetters = redis.stream(String.class).xrange(RedisKeys.deadLetterStream(STREAM), StreamRange.of("-", "+"));
        assertThat(deadLetters).hasSize(1);
        assertThat(deadLetters.get(0).payload())
                .containsEntry(RedisKeys.DeadLetter.ENTRY_ID, poison)
                .containsEntry(RedisKeys.DeadLetter.GROUP, GROUP);
        assertThat(deadLetters.get(0).payload().get(RedisKeys.DeadLetter.REASON))
                .contains("delivered 7 times, more than the limit of 5");
        assertThat(deadLetters.get(0).payload().get(RedisKeys.DeadLetter.EVENT)).contains("exec-poison");
        assertThat(redis.key().exists(RedisKeys.execution("exec-poison"))).isFalse();
        assertThat(PrometheusMetrics.sum("tasktrail_stream_consumer_entries_claimed_total", Map.of("consumer", "rescuer")))
                .isEqualTo(2);
        assertThat(StreamFixture.lag(redis, STREAM, GROUP)).isZero();
    }
}
