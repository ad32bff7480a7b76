package dev.tasktrail.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.projector.ProjectedState.Published;
import dev.tasktrail.projector.projection.ProjectionConsumer;
import dev.tasktrail.service.stream.StreamConsumerLoop;
import dev.tasktrail.testing.PrometheusMetrics;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two projector replicas on thousands of events published in random order end in exactly the state the ordering
 * rule defines, whichever replica applied which event.
 */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ConvergenceTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String GROUP = "task-status-projector";
    private static final List<String> PROJECTS = List.of("acme/rocket", "acme/boots", "globex/api", "initech/tps");

    @Inject
    ProjectionConsumer consumer;

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    /**
     * Executions with 1–12 events each, statuses in any order, instants from a narrow range so that many events of
     * one execution share their instant (the entry id decides), and now and then a move to another project.
     */
    static List<TaskEvent> shuffledEvents(long seed, int executions) {
        Random random = new Random(seed);
        List<TaskEvent> events = new ArrayList<>();
        for (int e = 0; e < executions; e++) {
            String executionId = "exec-" + seed + "-" + e;
            String project = PROJECTS.get(random.nextInt(PROJECTS.size()));
            int count = 1 + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                if (random.nextInt(20) == 0) {
                    project = PROJECTS.get(random.nextInt(PROJECTS.size()));
                }
                TaskStatus status = TaskStatus.values()[random.nextInt(TaskStatus.values().length)];
                events.add(TestEvents.event(executionId, status, project, random.nextInt(8)));
            }
        }
        Collections.shuffle(events, random);
        return events;
    }

    @Test
    void twoReplicasOnThousandsOfShuffledEventsEndInExactlyTheExpectedState() {
        StreamConsumerLoop second = consumer.newLoop("projector-2");
        second.start();
        try {
            List<TaskEvent> events = shuffledEvents(42, 600);
            assertThat(events).hasSizeGreaterThan(3000);

            List<Published> published = ProjectedState.publish(client, STREAM, events);
            Map<String, TaskItem> expected = ProjectedState.expected(published);

            await().atMost(Duration.ofSeconds(60)).until(() -> StreamFixture.pending(redis, STREAM, GROUP) == 0
                    && StreamFixture.lag(redis, STREAM, GROUP) == 0 && ProjectedState.isProjected(redis, expected));
            ProjectedState.assertExactly(redis, expected);
            // Both replicas did part of the work.
            assertThat(read(consumer.loop().settings().consumer())).isPositive();
            assertThat(read("projector-2")).isPositive();
            assertThat(read(consumer.loop().settings().consumer()) + read("projector-2")).isEqualTo(events.size());
        } finally {
            second.stop().await().atMost(Duration.ofSeconds(10));
        }
    }

    private double read(String consumerName) {
        return PrometheusMetrics.sum("tasktrail_stream_consumer_entries_read_total", Map.of("consumer", consumerName));
    }
}
