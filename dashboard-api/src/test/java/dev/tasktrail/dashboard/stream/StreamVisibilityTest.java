package dev.tasktrail.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.stream.SseClient.Message;
import dev.tasktrail.model.Actor;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With {@code TASK_DASHBOARD_ENFORCE_VISIBILITY=true} the stream shows a viewer what the snapshot would. */
@QuarkusTest
@TestProfile(StreamVisibilityTest.Enforced.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class StreamVisibilityTest {

    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");
    private static final String ALICE = "google:alice@example.com";

    public static class Enforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.enforce-visibility", "true", "task.dashboard.heartbeat-ms", "300");
        }
    }

    @InjectTokenMinter
    TokenMinter tokens;

    @Inject
    RedisDataSource redis;

    @Inject
    MeterRegistry meters;

    @Inject
    StreamTailer tailer;

    @TestHTTPResource("/dashboard/tasks/stream")
    URI streamUri;

    @Test
    void aViewerReceivesOnlyTasksTheyAreResponsibleForInReplayAndLive() {
        Projection projection = new Projection(redis);
        StreamEntryId before = projection.publish(task("setup", new Actor("slack", "U0"), List.of()));
        StreamEntryId shared = projection.publish(task("shared", new Actor("github", "octocat"),
                List.of("google:bob@example.com", ALICE)));
        projection.publish(task("others", new Actor("github", "bob"), List.of("google:bob@example.com")));
        StreamEntryId responsible = projection.publish(task("responsible", new Actor("slack", "U1"), List.of(ALICE)));
        // Read by the tailer first, so both clients replay from memory rather than receive these live.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tailer.lastRead() != null && !responsible.isAfter(tailer.lastRead()));
        double memoryReplays = memoryReplays();
        String aliceToken = Viewers.verifiedEmail(tokens, "alice@example.com");

        try (SseClient alice = SseClient.open(URI.create(streamUri + "?cursor=" + before),
                Map.of("Authorization", "Bearer " + aliceToken));
                SseClient carol = SseClient.open(URI.create(streamUri + "?cursor=" + before),
                        Map.of("Authorization", "Bearer " + Viewers.verifiedEmail(tokens, "carol@example.com")))) {
            assertThat(alice.awaitUpdates(2)).extracting(Message::id)
                    .containsExactly(shared.toString(), responsible.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> memoryReplays() == memoryReplays + 2);

            projection.publish(task("live-others", new Actor("slack", "U2"), List.of("google:carol@example.com")));
            StreamEntryId live = projection.publish(task("live-mine", new Actor("slack", "U3"), List.of(ALICE)));

            assertThat(alice.awaitUpdates(3)).extracting(Message::id)
                    .containsExactly(shared.toString(), responsible.toString(), live.toString());
            await().atMost(Duration.ofSeconds(10)).until(() -> carol.messages(SseFrames.KEEPALIVE).stream()
                    .anyMatch(keepalive -> keepalive.id().equals(live.toString())));
            assertThat(carol.updates()).extracting(message -> message.json().path("executionId").asText())
                    .containsExactly("live-others");
            assertThat(alice.updates()).hasSize(3);
        }
    }

    private double memoryReplays() {
        return meters.counter("tasktrail.dashboard.stream.replays", "source", "memory").count();
    }

    private static dev.tasktrail.model.TaskEvent task(String executionId, Actor actor, List<String> responsible) {
        return Projection.event(executionId, "acme/rocket", TaskStatus.IN_PROGRESS, START, actor, responsible);
    }
}
