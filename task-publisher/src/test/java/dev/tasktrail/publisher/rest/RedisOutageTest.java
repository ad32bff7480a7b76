package dev.tasktrail.publisher.rest;

import static dev.tasktrail.publisher.ApiClient.publish;
import static dev.tasktrail.publisher.ApiClient.publishBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.model.Json;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RedisOutageTest {

    @InjectRedisServer
    RedisServer server;

    @Inject
    RedisDataSource redis;

    @Test
    void answers503AndWritesNothingWhileRedisIsDown() {
        publish(Events.complete("evt-before", "run-before")).statusCode(202);
        long length = StreamContents.length(redis);

        server.stop();
        try {
            publish(Events.complete("evt-down", "run-down")).statusCode(503)
                    .header("Retry-After", "1")
                    .body("error", equalTo("redis_unavailable"))
                    .body("message", equalTo(ErrorMappers.REDIS_UNAVAILABLE_MESSAGE));
            publishBatch("{\"events\":[" + Json.write(Events.complete("evt-down-batch", "run-down")) + "]}")
                    .statusCode(503)
                    .body("error", equalTo("redis_unavailable"));
        } finally {
            server.restart();
        }

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                publish(Events.complete("evt-after", "run-after")).statusCode(202));
        assertThat(StreamContents.length(redis)).as("only the event published after the outage").isEqualTo(length + 1);
        assertThat(redis.key().exists(RedisKeys.publishedEvent("evt-down"))).isFalse();
        assertThat(redis.key().exists(RedisKeys.publishedEvent("evt-down-batch"))).isFalse();

        publish(Events.complete("evt-down", "run-down")).statusCode(202)
                .body("duplicate", equalTo(false));
        assertThat(StreamContents.length(redis)).as("the retry is appended once").isEqualTo(length + 2);
    }
}
