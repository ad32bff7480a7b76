package dev.tasktrail.projector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.projector.ProjectedState.Published;
import dev.tasktrail.projector.projection.ProjectionConsumer;
import dev.tasktrail.service.stream.StreamConsumerLoop;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.PrometheusMetrics;
import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Redis stops in the middle of a backlog and comes back: the projection ends complete and exact. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisOutageTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String GROUP = "task-status-projector";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @InjectRedisServer
    RedisServer server;

    @Inject
    ProjectionConsumer consumer;

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @Test
    void projectsEverythingAfterRedisWasStoppedAndRestartedMidRun() {
        List<TaskEvent> events = ConvergenceTest.shuffledEvents(7, 1500);
        int backlog = events.size() / 2;
        List<Published> published = new ArrayList<>(ProjectedState.publish(client, STREAM, events.subList(0, backlog)));
        // Stop as soon as projecting has begun: the projector needs far longer than a few polls for thousands.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5))
                .until(() -> redis.sortedSet(String.class).zcard(RedisKeys.GLOBAL_INDEX) > 0);

        server.stop(); // saves its data, like a Redis with persistence going down
        try {
            await().atMost(WAIT).until(() -> consumer.loop().state() == StreamConsumerLoop.State.RECOVERING);
            // Nothing can be projected now. The counters miss at most the one batch whose replies the stop cut
            // off, so fewer than the backlog were projected: the outage came mid-run.
            double projectedAtMost = projected() + consumer.loop().settings().batchSize();
            assertThat(projectedAtMost).as("events projected when Redis stopped, at most").isLessThan(backlog);
            given().get("/q/health/ready").then().statusCode(503)
                    .body("checks.findAll { it.status == 'DOWN' }.name", hasItem("Projector consumer loop"));
        } finally {
            server.restart(); // without the scripts it had loaded: the projection loads its script again
        }
        published.addAll(ProjectedState.publish(client, STREAM, events.subList(backlog, events.size())));
        Map<String, TaskItem> expected = ProjectedState.expected(published);

        await().atMost(WAIT).until(() -> StreamFixture.pending(redis, STREAM, GROUP) == 0
                && StreamFixture.lag(redis, STREAM, GROUP) == 0 && ProjectedState.isProjected(redis, expected));
        ProjectedState.assertExactly(redis, expected);
        assertThat(consumer.loop().state()).isEqualTo(StreamConsumerLoop.State.RUNNING);
        assertThat(PrometheusMetrics.sum("tasktrail_stream_consumer_failures_total")).isPositive();
        given().get("/q/health/ready").then().statusCode(200);
    }

    /** Events the projection applied or ignored as older, as its counters say. */
    private double projected() {
        return PrometheusMetrics.sum("tasktrail_projector_entries_applied_total")
                + PrometheusMetrics.sum("tasktrail_projector_entries_ignored_total");
    }
}
