package dev.tasktrail.dashboard.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.stream.SseClient.Message;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Timestamps;
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
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /dashboard/tasks/stream} with a real SSE client over HTTP, events appended to a real Redis stream as the
 * publisher does: live delivery, resume from memory and from Redis, expired and malformed cursors, filters, ordering,
 * keepalives and token expiry. A small memory window ({@value #WINDOW}) and replay bound ({@value #REPLAY_MAX}) make
 * every resume path reachable with a few events.
 */
@QuarkusTest
@TestProfile(StreamTest.SmallWindow.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class StreamTest {

    static final int WINDOW = 5;
    static final int REPLAY_MAX = 40;
    static final long HEARTBEAT_MS = 400;
    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");

    public static class SmallWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.replay-limit", Integer.toString(WINDOW),
                    "task.dashboard.stream.replay-max", Integer.toString(REPLAY_MAX),
                    "task.dashboard.heartbeat-ms", Long.toString(HEARTBEAT_MS));
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

    private Projection projection;
    private final List<SseClient> clients = new ArrayList<>();
    /** Shared by the tests: the replica remembers executions across them, so every test uses new ones. */
    private static int sequence;

    @BeforeEach
    void emptyStream() {
        projection = new Projection(redis);
        projection.clear();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(SseClient::close);
    }

    @Test
    void deliversEachNewEventLiveWithItsStreamEntryId() {
        SseClient client = open(Map.of());
        assertThat(client.status()).isEqualTo(200);
        assertThat(client.header("Content-Type")).startsWith("text/event-stream");
        assertThat(client.header("Cache-Control")).isEqualTo("no-cache");
        assertThat(client.header("X-Accel-Buffering")).isEqualTo("no");
        awaitJoined(client);

        TaskEvent started = event("exec", "acme/rocket", TaskStatus.IN_PROGRESS);
        StreamEntryId startedId = projection.publish(started);
        TaskEvent finished = event(started.executionId(), "acme/rocket", TaskStatus.SUCCESS, 1);
        StreamEntryId finishedId = projection.publish(finished);

        List<Message> updates = client.awaitUpdates(2);
        assertThat(updates).extracting(Message::id).containsExactly(startedId.toString(), finishedId.toString());
        assertThat(updates.get(1).json()).isEqualTo(Json.parse(TaskItem.fromEvent(finished, finishedId).toJson()));
        assertThat(client.retries()).containsExactly(3000L);
    }

    @Test
    void aBurstReachesEveryClientWholeInStreamOrderAndIsCountedOnce() {
        SseClient everything = open(Map.of());
        SseClient oneProject = open(Map.of("project", "acme/burst-b"));
        awaitJoined(everything);
        awaitJoined(oneProject);
        double sentBefore = meters.counter("tasktrail.dashboard.stream.events.sent").count();

        // Faster than one event per read: the tailer reads several at a time, and batches wait for busy event loops,
        // so clients get several messages per write.
        List<String> all = new ArrayList<>();
        List<String> projectB = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String project = i % 3 == 0 ? "acme/burst-b" : "acme/burst-a";
            String id = projection.publish(event("burst", project, TaskStatus.IN_PROGRESS)).toString();
            all.add(id);
            if (project.equals("acme/burst-b")) {
                projectB.add(id);
            }
        }

        assertThat(everything.awaitUpdates(300)).extracting(Message::id).containsExactlyElementsOf(all);
        assertThat(oneProject.awaitUpdates(100)).extracting(Message::id).containsExactlyElementsOf(projectB);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(meters.counter("tasktrail.dashboard.stream.events.sent").count()).isEqualTo(sentBefore + 400));
    }

    @Test
    void resumesFromMemoryAfterTheLastEventIdHeaderWhichWinsOverTheCursorQuery() {
        List<StreamEntryId> ids = publish(4, "acme/rocket");
        awaitTailerRead(ids.get(3));
        double memoryReplays = replays("memory");

        SseClient client = open(Map.of("cursor", ids.get(0).toString()), Map.of("Last-Event-ID", ids.get(1).toString()));
        StreamEntryId live = projection.publish(event("exec-live", "acme/rocket", TaskStatus.IN_PROGRESS));

        assertThat(client.awaitUpdates(3)).extracting(Message::id)
                .containsExactly(ids.get(2).toString(), ids.get(3).toString(), live.toString());
        assertThat(replays("memory")).isEqualTo(memoryReplays + 1);
    }

    @Test
    void resumesFromMemoryAfterTheCursorQuery() {
        List<StreamEntryId> ids = publish(3, "acme/rocket");
        awaitTailerRead(ids.get(2));
        double memoryReplays = replays("memory");

        SseClient client = open(Map.of("cursor", ids.get(0).toString()));
        StreamEntryId live = projection.publish(event("exec-live", "acme/rocket", TaskStatus.IN_PROGRESS));

        assertThat(client.awaitUpdates(3)).extracting(Message::id)
                .containsExactly(ids.get(1).toString(), ids.get(2).toString(), live.toString());
        assertThat(replays("memory")).isEqualTo(memoryReplays + 1);
    }

    @Test
    void resumesFromTheRedisStreamWhenTheCursorIsOlderThanMemory() {
        List<StreamEntryId> ids = publish(WINDOW * 3, "acme/rocket");
        awaitTailerRead(ids.get(ids.size() - 1));
        double redisReplays = replays("redis");

        SseClient client = open(Map.of("cursor", ids.get(1).toString()));

        List<String> expected = ids.subList(2, ids.size()).stream().map(StreamEntryId::toString).collect(Collectors.toList());
        assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
        StreamEntryId live = projection.publish(event("exec-live", "acme/rocket", TaskStatus.IN_PROGRESS));
        expected.add(live.toString());
        assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
        assertThat(replays("redis")).isEqualTo(redisReplays + 1);
    }

    @Test
    void resumesFromTheRedisStreamAfterTheLastEventIdHeaderWhichWinsOverTheCursorQuery() {
        List<StreamEntryId> ids = publish(WINDOW * 3, "acme/rocket");
        awaitTailerRead(ids.get(ids.size() - 1));
        double redisReplays = replays("redis");

        SseClient client = open(Map.of("cursor", ids.get(0).toString()),
                Map.of("Last-Event-ID", ids.get(1).toString()));

        List<String> expected = ids.subList(2, ids.size()).stream().map(StreamEntryId::toString)
                .collect(Collectors.toList());
        StreamEntryId live = projection.publish(event("exec-live", "acme/rocket", TaskStatus.IN_PROGRESS));
        expected.add(live.toString());
        assertThat(client.awaitUpdates(expected.size())).extracting(Message::id).containsExactlyElementsOf(expected);
        assertThat(replays("redis")).isEqualTo(redisReplays + 1);
    }

    /**
     * The newer state of an execution came before the cursor, where a replay from Redis does not read; the replica
     * read it, so the replay leaves the older state out as live delivery did.
     */
    @Test
    void aReplayFromRedisNeverSendsAStateOlderThanOneTheStreamCarriedBeforeTheCursor() {
        SseClient follower = open(Map.of());
        awaitJoined(follower);
        TaskEvent finished = event("exec", "acme/rocket", TaskStatus.SUCCESS);
        StreamEntryId newer = projection.publish(finished);
        projection.publish(event(finished.executionId(), "acme/rocket", TaskStatus.IN_PROGRESS, -5));
        List<String> others = publish(WINDOW, "acme/rocket").stream().map(StreamEntryId::toString).toList();
        awaitTailerRead(StreamEntryId.parse(others.get(WINDOW - 1)));
        double redisReplays = replays("redis");

        SseClient resumed = open(Map.of("cursor", newer.toString()));

        await().atMost(Duration.ofSeconds(10)).until(() -> lastKeepaliveId(resumed).equals(others.get(WINDOW - 1)));
        assertThat(resumed.updateIds()).containsExactlyElementsOf(others);
        assertThat(replays("redis")).isEqualTo(redisReplays + 1);
        List<String> followed = new ArrayList<>(List.of(newer.toString()));
        followed.addAll(others);
        assertThat(follower.awaitUpdates(followed.size())).as("live delivery").extracting(Message::id)
                .containsExactlyElementsOf(followed);
    }

    @Test
    void asksForASnapshotReloadWhenTheStreamNoLongerHoldsTheCursorAndContinuesLive() {
        List<StreamEntryId> ids = publish(WINDOW * 3, "acme/rocket");
        awaitTailerRead(ids.get(ids.size() - 1));
        redis.stream(String.class).xtrim(Projection.STREAM, new io.quarkus.redis.datasource.stream.XTrimArgs().maxlen(3));

        SseClient client = open(Map.of("cursor", ids.get(0).toString()));

        Message refresh = client.awaitMessage(message -> message.event().equals(SseFrames.SNAPSHOT_REFRESH_REQUIRED));
        assertThat(refresh.json().path("reason").asText()).isEqualTo("cursor_expired");
        assertThat(client.updates()).isEmpty();
        StreamEntryId live = projection.publish(event("exec-live", "acme/rocket", TaskStatus.IN_PROGRESS));
        assertThat(client.awaitUpdates(1)).extracting(Message::id).containsExactly(live.toString());
    }

    @Test
    void asksForASnapshotReloadWhenTheCursorIsFurtherBehindThanTheReplayBound() {
        List<StreamEntryId> ids = publish(REPLAY_MAX + 2, "acme/rocket");
        awaitTailerRead(ids.get(ids.size() - 1));

        SseClient client = open(Map.of("cursor", ids.get(0).toString()));

        Message refresh = client.awaitMessage(message -> message.event().equals(SseFrames.SNAPSHOT_REFRESH_REQUIRED));
        assertThat(refresh.json().path("reason").asText()).isEqualTo("cursor_expired");
        assertThat(client.updates()).isEmpty();
    }

    @Test
    void rejectsMalformedCursorsAndFiltersBeforeTheStreamStarts() {
        assertInvalid(open(Map.of("cursor", "yesterday")), "cursor");
        assertInvalid(open(Map.of(), Map.of("Last-Event-ID", "12-x")), "Last-Event-ID");
        assertInvalid(open(Map.of("statuses", "done")), "statuses");
        assertInvalid(open(Map.of("project", "not a repo")), "project");
    }

    @Test
    void appliesProjectAndStatusFiltersToReplayAndLiveAlike() {
        StreamEntryId before = projection.publish(event("other", "other/car", TaskStatus.IN_PROGRESS));
        StreamEntryId rocketError = projection.publish(event("r1", "acme/rocket", TaskStatus.ERROR));
        projection.publish(event("r2", "acme/rocket", TaskStatus.SUCCESS));
        awaitTailerRead(projection.publish(event("c1", "other/car", TaskStatus.ERROR)));
        double memoryReplays = replays("memory");

        SseClient client = open(Map.of("cursor", before.toString(), "project", "acme/rocket",
                "statuses", "error,in_progress"));

        assertThat(client.awaitUpdates(1)).extracting(Message::id).containsExactly(rocketError.toString());
        assertThat(replays("memory")).isEqualTo(memoryReplays + 1);
        projection.publish(event("r3", "acme/rocket", TaskStatus.SUCCESS));
        projection.publish(event("c2", "other/car", TaskStatus.IN_PROGRESS));
        StreamEntryId rocketRunning = projection.publish(event("r4", "acme/rocket", TaskStatus.IN_PROGRESS));
        assertThat(client.awaitUpdates(2)).extracting(Message::id)
                .containsExactly(rocketError.toString(), rocketRunning.toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> lastKeepaliveId(client).equals(rocketRunning.toString()));
        assertThat(client.updates()).hasSize(2);
    }

    @Test
    void neverSendsAStateOlderThanOneAlreadySentForTheExecution() {
        SseClient client = open(Map.of());
        awaitJoined(client);
        TaskEvent finished = event("exec", "acme/rocket", TaskStatus.SUCCESS);
        StreamEntryId newer = projection.publish(finished);
        projection.publish(event(finished.executionId(), "acme/rocket", TaskStatus.IN_PROGRESS, -5));
        StreamEntryId other = projection.publish(event("exec", "acme/rocket", TaskStatus.IN_PROGRESS));

        assertThat(client.awaitUpdates(2)).extracting(Message::id).containsExactly(newer.toString(), other.toString());
        awaitTailerRead(other);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastKeepaliveId(client).equals(other.toString()));
        assertThat(client.updates()).hasSize(2);
    }

    @Test
    void keepalivesComeEveryHeartbeatWithTheLatestPositionEvenWhenEverythingIsFilteredOut() {
        SseClient client = open(Map.of("project", "acme/quiet"));
        StreamEntryId last = publish(3, "acme/rocket").get(2);

        await().atMost(Duration.ofSeconds(10)).until(() -> lastKeepaliveId(client).equals(last.toString()));
        int seen = client.messages(SseFrames.KEEPALIVE).size();
        await().atMost(Duration.ofSeconds(10)).until(() -> client.messages(SseFrames.KEEPALIVE).size() >= seen + 3);

        List<Message> keepalives = client.messages(SseFrames.KEEPALIVE);
        for (int i = 1; i < keepalives.size(); i++) {
            assertThat(Duration.between(keepalives.get(i - 1).receivedAt(), keepalives.get(i).receivedAt()))
                    .as("time between keepalives").isGreaterThan(Duration.ofMillis(HEARTBEAT_MS / 2));
        }
        JsonNode data = keepalives.get(keepalives.size() - 1).json();
        assertThat(data.path("lastEventId").asText()).isEqualTo(last.toString());
        assertThat(Duration.between(Timestamps.parse(data.path("serverTime").asText()), Instant.now()).abs())
                .isLessThan(Duration.ofSeconds(30));
        assertThat(client.updates()).isEmpty();
    }

    @Test
    void answersUnauthorizedWithoutAValidToken() {
        SseClient client = SseClient.open(streamUri, Map.of());
        clients.add(client);
        assertThat(client.status()).isEqualTo(401);
        assertThat(Json.parse(client.errorBody()).path("error").asText()).isEqualTo("dashboard_unauthorized");
    }

    @Test
    void endsTheStreamWhenTheViewersTokenExpires() {
        String shortLived = tokens.mint(TokenMinter.googleIdTokenClaims(LocalOidcTestResource.ISSUER, Viewers.AUDIENCE,
                "sub-brief", "brief@example.com", true, Duration.ofSeconds(3)));
        SseClient client = SseClient.open(uri(Map.of("authToken", shortLived)), Map.of());
        clients.add(client);
        assertThat(client.status()).isEqualTo(200);
        StreamEntryId live = projection.publish(event("exec-1", "acme/rocket", TaskStatus.IN_PROGRESS));
        assertThat(client.awaitUpdates(1)).extracting(Message::id).containsExactly(live.toString());

        await().atMost(Duration.ofSeconds(15)).until(client::ended);

        SseClient again = SseClient.open(uri(Map.of("authToken", shortLived)), Map.of());
        clients.add(again);
        assertThat(again.status()).isEqualTo(401);
    }

    private SseClient open(Map<String, String> query) {
        return open(query, Map.of());
    }

    private SseClient open(Map<String, String> query, Map<String, String> headers) {
        Map<String, String> withToken = new LinkedHashMap<>(headers);
        withToken.put("Authorization", "Bearer " + Viewers.verifiedEmail(tokens, "viewer@example.com"));
        SseClient client = SseClient.open(uri(query), withToken);
        clients.add(client);
        return client;
    }

    private URI uri(Map<String, String> query) {
        String encoded = query.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return URI.create(streamUri + (encoded.isEmpty() ? "" : "?" + encoded));
    }

    private static void assertInvalid(SseClient client, String parameter) {
        assertThat(client.status()).isEqualTo(400);
        JsonNode body = Json.parse(client.errorBody());
        assertThat(body.path("error").asText()).isEqualTo("invalid_parameter");
        assertThat(body.path("parameter").asText()).isEqualTo(parameter);
    }

    /** A client without cursor gets what comes after it joined: the first keepalive proves it has joined. */
    private static void awaitJoined(SseClient client) {
        client.awaitMessage(message -> message.event().equals(SseFrames.KEEPALIVE));
    }

    private static String lastKeepaliveId(SseClient client) {
        List<Message> keepalives = client.messages(SseFrames.KEEPALIVE);
        return keepalives.isEmpty() ? "" : keepalives.get(keepalives.size() - 1).id();
    }

    /**
     * Until the tailer has read an entry, a resume gets it live rather than from the window, and the window has not
     * moved past older entries (which resumes then read from Redis).
     */
    private void awaitTailerRead(StreamEntryId id) {
        await().atMost(Duration.ofSeconds(10)).until(() -> tailer.lastRead() != null && !id.isAfter(tailer.lastRead()));
    }

    private List<StreamEntryId> publish(int count, String project) {
        List<StreamEntryId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(projection.publish(event("exec", project, TaskStatus.IN_PROGRESS)));
        }
        return ids;
    }

    /** An event of a new execution {@code name-N}, later than every event before it. */
    private static TaskEvent event(String name, String project, TaskStatus status) {
        return event(name + "-" + (++sequence), project, status, 0);
    }

    private static TaskEvent event(String executionId, String project, TaskStatus status, long secondsLater) {
        return Projection.event(executionId, project, status, START.plusSeconds(++sequence + secondsLater));
    }

    private double replays(String source) {
        return meters.counter("tasktrail.dashboard.stream.replays", "source", source).count();
    }
}
