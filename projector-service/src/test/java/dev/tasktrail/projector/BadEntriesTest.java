package dev.tasktrail.projector;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The running service: bad entries go to the dead-letter stream, the entries after them still project. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class BadEntriesTest {

    private static final String STREAM = RedisKeys.DEFAULT_STREAM_KEY;
    private static final String GROUP = "task-status-projector";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    RedisDataSource redis;

    private String xadd(String json) {
        return redis.stream(String.class).xadd(STREAM, Map.of(RedisKeys.EVENT_FIELD, json));
    }

    @Test
    void deadLettersBadEntriesWithTheGroupAndReasonWhileLaterEntriesStillProject() {
        String valid = TaskEventCodec.encode(TestEvents.event("exec-good", TaskStatus.IN_PROGRESS, "acme/rocket", 1));
        String notJson = xadd("this is not JSON");
        String missingFields = xadd("{\"executionId\":\"exec-x\",\"schemaVersion\":1}");
        String badStatus = xadd(valid.replace("\"status\":\"in_progress\"", "\"status\":\"finished\""));
        String later = xadd(valid);

        await().atMost(WAIT).until(() -> redis.key().exists(RedisKeys.execution("exec-good"))
                && deadLetters().size() == 3);

        TaskItem projected = ProjectedState.projected(redis, "exec-good");
        assertThat(projected.lastEventId().toString()).isEqualTo(later);
        List<StreamMessage<String, String, String>> deadLetters = deadLetters();
        assertThat(deadLetters).extracting(entry -> entry.payload().get(RedisKeys.DeadLetter.ENTRY_ID))
                .containsExactly(notJson, missingFields, badStatus);
        assertThat(deadLetters).allSatisfy(entry ->
                assertThat(entry.payload().get(RedisKeys.DeadLetter.GROUP)).isEqualTo(GROUP));
        assertThat(deadLetters.get(0).payload()).containsEntry(RedisKeys.DeadLetter.EVENT, "this is not JSON");
        assertThat(deadLetters.get(0).payload().get(RedisKeys.DeadLetter.REASON)).contains("malformed JSON");
        assertThat(deadLetters.get(1).payload().get(RedisKeys.DeadLetter.REASON))
                .contains("eventId").contains("taskName").contains("status").contains("project");
        assertThat(deadLetters.get(2).payload().get(RedisKeys.DeadLetter.REASON)).contains("status");
        await().atMost(WAIT).until(() -> StreamFixture.pending(redis, STREAM, GROUP) == 0);
        assertThat(redis.key().exists(RedisKeys.execution("exec-x"))).isFalse();

        // The metrics tell the same story.
        await().atMost(WAIT).untilAsserted(() -> {
            String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .containsPattern("tasktrail_stream_consumer_entries_dead_lettered_total\\{[^}]*reason=\"invalid\"[^}]*} 3\\.0")
                    .containsPattern("tasktrail_stream_consumer_entries_read_total\\{[^}]*group=\"" + GROUP + "\"[^}]*} 4\\.0")
                    .containsPattern("tasktrail_projector_entries_applied_total(\\{[^}]*})? 1\\.0")
                    .contains("tasktrail_stream_consumer_batch_duration_seconds_count")
                    .containsPattern("tasktrail_stream_consumer_group_lag\\{[^}]*} 0\\.0");
        });
    }

    private List<StreamMessage<String, String, String>> deadLetters() {
        return redis.stream(String.class).xrange(RedisKeys.deadLetterStream(STREAM),
                io.quarkus.redis.datasource.stream.StreamRange.of("-", "+"));
    }
}
