package dev.tasktrail.projector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without {@code TASK_TRACKING_REDIS_CONSUMER_NAME} a replica joins the group under its host name (SPEC §3), so
 * every Kubernetes pod is a distinct consumer.
 */
@QuarkusTest
@TestProfile(ConsumerNameTest.ConsumerNameNotSet.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class ConsumerNameTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String GROUP = "task-status-projector";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Clears the consumer name even where the environment sets it: an empty value is no value. */
    public static class ConsumerNameNotSet implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.tracking.redis.consumer-name", "");
        }
    }

    @Inject
    RedisDataSource redis;

    @Inject
    Redis client;

    @Test
    void withoutAConfiguredNameTheConsumerIsNamedAfterTheHost() throws UnknownHostException {
        // Once it has projected an entry the consumer has read from the group, so the group knows its name.
        ProjectedState.publish(client, STREAM, List.of(TestEvents.event("exec-1", TaskStatus.SUCCESS, "acme/rocket", 1)));
        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.execution("exec-1")));

        assertThat(consumersOfTheGroup()).containsExactly(hostName());
    }

    /** Where the environment names the host (shells, Kubernetes pods) that name, else the resolver's. */
    private static String hostName() throws UnknownHostException {
        String fromEnvironment = System.getenv("HOSTNAME");
        return fromEnvironment != null && !fromEnvironment.isBlank()
                ? fromEnvironment
                : InetAddress.getLocalHost().getHostName();
    }

    private List<String> consumersOfTheGroup() {
        Response consumers = redis.execute("XINFO", "CONSUMERS", STREAM, GROUP);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < consumers.size(); i++) {
            names.add(consumers.get(i).get("name").toString());
        }
        return names;
    }
}
