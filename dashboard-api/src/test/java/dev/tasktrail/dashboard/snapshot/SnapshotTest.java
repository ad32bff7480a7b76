package dev.tasktrail.dashboard.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Timestamps;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /dashboard/tasks} over keys projected as SPEC §2 describes, visibility not enforced. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SnapshotTest {

    private static final List<String> PROJECTS = List.of("acme/rocket", "acme/jet", "other/car");
    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");
    /** Newest first, as the snapshot lists them: occurredAt descending, then executionId descending. */
    private static final Comparator<TaskItem> NEWEST_FIRST = Comparator.comparing(TaskItem::occurredAt)
            .thenComparing(TaskItem::executionId).reversed();

    @InjectTokenMinter
    TokenMinter tokens;

    @InjectRedisServer
    RedisServer server;

    @Inject
    RedisDataSource redis;

    private Projection projection;

    @BeforeEach
    void emptyProjection() {
        projection = new Projection(redis);
        projection.clear();
    }

    @Test
    void anEmptyProjectionIsOneEmptyPage() {
        request().get("/dashboard/tasks").then().statusCode(200)
                .body("items.size()", equalTo(0))
                .body("nextCursor", nullValue())
                .body("streamCursor", equalTo("0-0"))
                .body("counts.in_progress", equalTo(0))
                .body("counts.success", equalTo(0))
                .body("counts.error", equalTo(0));
    }

    @Test
    void servesTheProjectedStateAsTaskItems() {
        TaskItem item = projection.record(Projection.event("exec-1", "acme/rocket", TaskStatus.SUCCESS, START));
        request().get("/dashboard/tasks").then().statusCode(200).header("Cache-Control", "no-store");
        JsonPath page = page(Map.of());
        assertThat(page.getList("items")).hasSize(1);
        assertThat(page.getMap("items[0]")).isEqualTo(JsonPath.from(item.toJson()).getMap(""));
        assertThat(page.getString("items[0].lastEventId")).isEqualTo(item.lastEventId().toString());
    }

    @Test
    void pagesVisitEveryExecutionOnceNewestFirst() {
        List<TaskItem> all = storeExecutions(300);

        assertThat(allPages(Map.of("limit", "37"))).containsExactlyElementsOf(idsNewestFirst(all, item -> true));
        assertThat(allPages(Map.of("limit", "10", "project", "acme/jet")))
                .containsExactlyElementsOf(idsNewestFirst(all, item -> item.project().equals("acme/jet")));
    }

    @Test
    void statusFiltersReadOnlyThoseStatuses() {
        List<TaskItem> all = storeExecutions(300);

        assertThat(allPages(Map.of("limit", "20", "statuses", "error")))
                .containsExactlyElementsOf(idsNewestFirst(all, item -> item.status() == TaskStatus.ERROR));
        assertThat(allPages(Map.of("limit", "23", "statuses", "in_progress,error")))
                .containsExactlyElementsOf(idsNewestFirst(all, item -> item.status() != TaskStatus.SUCCESS));
        assertThat(allPages(Map.of("limit", "9", "statuses", "success,in_progress", "project", "other/car")))
                .containsExactlyElementsOf(idsNewestFirst(all,
                        item -> item.status() != TaskStatus.ERROR && item.project().equals("other/car")));
        assertThat(allPages(Map.of("limit", "50", "statuses", "success,error,in_progress")))
                .containsExactlyElementsOf(idsNewestFirst(all, item -> true));
    }

    @Test
    void statusesMayBeRepeatedOrCommaSeparated() {
        List<TaskItem> all = storeExecutions(60);
        List<String> commaSeparated = request().queryParam("statuses", "success, error").queryParam("limit", 200)
                .get("/dashboard/tasks").then().statusCode(200).extract().jsonPath().getList("items.executionId");
        List<String> repeated = request().queryParam("statuses", "success").queryParam("statuses", "error")
                .queryParam("limit", 200)
                .get("/dashboard/tasks").then().statusCode(200).extract().jsonPath().getList("items.executionId");
        assertThat(commaSeparated).isEqualTo(repeated)
                .containsExactlyElementsOf(idsNewestFirst(all, item -> item.status() != TaskStatus.IN_PROGRESS));
    }

    @Test
    void equalTimestampsAreOrderedByExecutionIdAcrossPages() {
        List<TaskItem> tied = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tied.add(store(Projection.event("tie-" + i, "acme/rocket", TaskStatus.IN_PROGRESS, START)));
        }
        assertThat(allPages(Map.of("limit", "3"))).containsExactly(
                "tie-9", "tie-8", "tie-7", "tie-6", "tie-5", "tie-4", "tie-3", "tie-2", "tie-1", "tie-0");
        assertThat(allPages(Map.of("limit", "4", "statuses", "in_progress,error"))).hasSize(10);
    }

    @Test
    void aPageContinuesAfterItsCursorEvenWhenTheCursorsExecutionMoved() {
        for (int i = 0; i < 10; i++) {
            store(Projection.event("tie-" + i, "acme/rocket", TaskStatus.IN_PROGRESS, START));
        }
        JsonPath first = page(Map.of("limit", "3"));
        assertThat(first.getList("items.executionId")).containsExactly("tie-9", "tie-8", "tie-7");
        store(Projection.event("tie-7", "acme/rocket", TaskStatus.SUCCESS, START.plusSeconds(60)));
        store(Projection.event("tie-6", "acme/rocket", TaskStatus.SUCCESS, START.plusSeconds(60)));

        assertThat(page(Map.of("limit", "3", "cursor", first.getString("nextCursor"))).getList("items.executionId"))
                .containsExactly("tie-5", "tie-4", "tie-3");
    }

    static Stream<Arguments> filtersWhileEventsArrive() {
        return Stream.of(
                Arguments.of(Map.of(), (Predicate<TaskItem>) item -> true),
                Arguments.of(Map.of("statuses", "in_progress,success"),
                        (Predicate<TaskItem>) item -> item.status() != TaskStatus.ERROR),
                Arguments.of(Map.of("statuses", "in_progress", "project", "acme/rocket"),
                        (Predicate<TaskItem>) item -> item.status() == TaskStatus.IN_PROGRESS
                                && item.project().equals("acme/rocket")),
                // Changed executions move above the range's end: out of it, like the new ones.
                Arguments.of(Map.of("from", at(20), "to", at(50)), inRange(20, 50)));
    }

    /**
     * While pages are read, new executions start and known ones change (moving up in the indexes). No page
     * shows an execution twice, pages stay newest first, and every execution that matched at the start is either
     * listed or changed after the first page's {@code streamCursor}, so a client that opens the stream there
     * receives it: nothing falls between snapshot and stream.
     */
    @ParameterizedTest
    @MethodSource("filtersWhileEventsArrive")
    void pagesStayConsistentWhileEventsArrive(Map<String, String> filter, Predicate<TaskItem> matches) {
        List<TaskItem> before = recordExecutions(240);
        Set<String> matchingAtStart = new HashSet<>(idsNewestFirst(before, matches));

        List<JsonPath> pages = new ArrayList<>();
        Map<String, Object> query = new LinkedHashMap<>(filter);
        query.put("limit", "17");
        pages.add(page(query));
        StreamEntryId streamCursor = StreamEntryId.parse(pages.get(0).getString("streamCursor"));
        assertThat(streamCursor).isEqualTo(before.stream().map(TaskItem::lastEventId).max(Comparator.naturalOrder())
                .orElseThrow());
        Set<String> changedAfterCursor = new HashSet<>();
        int round = 0;
        while (pages.get(pages.size() - 1).getString("nextCursor") != null) {
            round++;
            for (int i = 0; i < 3; i++) {
                projection.record(Projection.event("new-" + round + "-" + i, PROJECTS.get(i), TaskStatus.IN_PROGRESS,
                        START.plusSeconds(10_000 + round)));
            }
            // One execution already listed and one not listed yet change: both move above the cursor.
            for (String executionId : List.of("exec-" + (239 - round * 5), "exec-" + (120 - round))) {
                TaskItem current = projection.item(executionId);
                TaskStatus next = TaskStatus.values()[(current.status().ordinal() + 1) % 3];
                TaskItem changed = projection.record(Projection.event(executionId, current.project(), next,
                        START.plusSeconds(20_000 + round)));
                assertThat(changed.lastEventId()).isGreaterThan(streamCursor);
                changedAfterCursor.add(executionId);
            }
            query.put("cursor", pages.get(pages.size() - 1).getString("nextCursor"));
            pages.add(page(query));
            assertThat(pages).hasSizeLessThan(100);
        }

        List<TaskItem> listed = pages.stream().flatMap(page -> page.getList("items", Map.class).stream())
                .map(map -> projectionItem((Map<?, ?>) map)).toList();
        assertThat(listed).extracting(TaskItem::executionId).doesNotHaveDuplicates()
                .noneMatch(id -> id.startsWith("new-"));
        assertThat(listed).isSortedAccordingTo(NEWEST_FIRST).allMatch(matches);
        Set<String> missing = new HashSet<>(matchingAtStart);
        listed.forEach(item -> missing.remove(item.executionId()));
        assertThat(changedAfterCursor).containsAll(missing);
    }

    static Stream<Arguments> filtersWithARange() {
        return Stream.of(
                Arguments.of(Map.of(), (Predicate<TaskItem>) item -> true),
                Arguments.of(Map.of("statuses", "error"),
                        (Predicate<TaskItem>) item -> item.status() == TaskStatus.ERROR),
                Arguments.of(Map.of("statuses", "in_progress,error"),
                        (Predicate<TaskItem>) item -> item.status() != TaskStatus.SUCCESS),
                Arguments.of(Map.of("project", "acme/jet"),
                        (Predicate<TaskItem>) item -> item.project().equals("acme/jet")),
                Arguments.of(Map.of("project", "other/car", "statuses", "success,in_progress"),
                        (Predicate<TaskItem>) item -> item.status() != TaskStatus.ERROR
                                && item.project().equals("other/car")));
    }

    /**
     * Scores run from START to START + 74 ms, four executions per millisecond, so the range's bounds and the page
     * boundaries fall between equal scores. Pages list exactly the executions in the range, once each, newest first,
     * and end there: no {@code nextCursor} once the range is exhausted although the index goes on.
     */
    @ParameterizedTest
    @MethodSource("filtersWithARange")
    void rangePagesVisitEveryExecutionInTheRangeOnceNewestFirst(Map<String, String> filter,
            Predicate<TaskItem> matches) {
        List<TaskItem> all = storeExecutions(300);

        Map<String, String> both = new LinkedHashMap<>(filter);
        both.putAll(Map.of("limit", "7", "from", at(11), "to", at(52)));
        assertThat(allPages(both)).containsExactlyElementsOf(idsNewestFirst(all, matches.and(inRange(11, 52))))
                .hasSizeGreaterThan(7);

        Map<String, String> fromOnly = new LinkedHashMap<>(filter);
        fromOnly.putAll(Map.of("limit", "6", "from", at(61)));
        assertThat(allPages(fromOnly)).containsExactlyElementsOf(
                idsNewestFirst(all, matches.and(inRange(61, Long.MAX_VALUE)))).hasSizeGreaterThan(6);

        Map<String, String> toOnly = new LinkedHashMap<>(filter);
        toOnly.putAll(Map.of("limit", "9", "to", at(17)));
        assertThat(allPages(toOnly)).containsExactlyElementsOf(
                idsNewestFirst(all, matches.and(inRange(Long.MIN_VALUE, 17)))).hasSizeGreaterThan(9);
    }

    @Test
    void fromIsInclusiveAndToExclusiveAtEqualScores() {
        for (int millis = 0; millis < 4; millis++) {
            for (int i = 0; i < 3; i++) {
                store(Projection.event("t" + millis + "-" + i, PROJECTS.get(i), TaskStatus.values()[i],
                        START.plusMillis(millis)));
            }
        }
        assertThat(allPages(Map.of("limit", "4", "from", at(1), "to", at(3))))
                .containsExactly("t2-2", "t2-1", "t2-0", "t1-2", "t1-1", "t1-0");
        assertThat(allPages(Map.of("limit", "2", "from", at(2), "to", at(3)))).containsExactly("t2-2", "t2-1", "t2-0");
        assertThat(allPages(Map.of("limit", "2", "statuses", "success,error", "from", at(3))))
                .containsExactly("t3-2", "t3-1");
        assertThat(allPages(Map.of("limit", "5", "to", at(1)))).containsExactly("t0-2", "t0-1", "t0-0");
        // Any offset: 12:00:00.002+02:00 is START + 2 ms.
        assertThat(allPages(Map.of("from", "2026-03-15T12:00:00.002+02:00", "to", "2026-03-15T10:00:00.003Z")))
                .containsExactly("t2-2", "t2-1", "t2-0");

        JsonPath exact = page(Map.of("limit", "3", "from", at(1), "to", at(2)));
        assertThat(exact.getList("items.executionId")).containsExactly("t1-2", "t1-1", "t1-0");
        assertThat(exact.getString("nextCursor")).as("the range holds exactly one page").isNull();
        assertThat(page(Map.of("limit", "3", "from", at(4))).getList("items")).isEmpty();
    }

    @Test
    void theCursorOfAPageKeepsWorkingWithTheRange() {
        List<TaskItem> all = storeExecutions(120);
        JsonPath first = page(Map.of("limit", "5", "from", at(10), "to", at(20)));
        List<String> expected = idsNewestFirst(all, inRange(10, 20));
        assertThat(first.getList("items.executionId")).containsExactlyElementsOf(expected.subList(0, 5));

        // A cursor from a page without the range continues inside it; one below the range ends it.
        JsonPath unbounded = page(Map.of("limit", "60"));
        assertThat(page(Map.of("limit", "100", "from", at(10), "to", at(20), "cursor",
                unbounded.getString("nextCursor"))).getList("items.executionId"))
                .containsExactlyElementsOf(idsNewestFirst(all, inRange(10, 15)));
        JsonPath below = page(Map.of("limit", "5", "from", at(25), "cursor", unbounded.getString("nextCursor")));
        assertThat(below.getList("items")).isEmpty();
        assertThat(below.getString("nextCursor")).isNull();
    }

    /**
     * Index entries outside the range, more than one request may read ({@code TASK_DASHBOARD_SNAPSHOT_MAX_SCAN},
     * 1000), without hashes: a read that walked through them and filtered would end its page early, empty, with a
     * cursor. The range's bounds are where the script starts and stops instead.
     */
    @Test
    void entriesOutsideTheRangeAreNeverRead() {
        List<TaskItem> all = storeExecutions(40);
        Map<String, Double> outside = new LinkedHashMap<>();
        for (int i = 0; i < 1_500; i++) {
            outside.put("above-" + i, (double) START.plusSeconds(60).toEpochMilli() + i);
            outside.put("below-" + i, (double) START.minusSeconds(60).toEpochMilli() - i);
        }
        redis.sortedSet(String.class).zadd(RedisKeys.GLOBAL_INDEX, outside);
        redis.sortedSet(String.class).zadd(RedisKeys.statusIndex(TaskStatus.ERROR), outside);

        JsonPath page = page(Map.of("limit", "40", "from", at(0), "to", at(60_000)));
        assertThat(page.getList("items.executionId")).containsExactlyElementsOf(idsNewestFirst(all, item -> true));
        assertThat(page.getString("nextCursor")).isNull();
        assertThat(allPages(Map.of("limit", "3", "statuses", "error,success", "from", at(0), "to", at(60_000))))
                .containsExactlyElementsOf(idsNewestFirst(all, item -> item.status() != TaskStatus.IN_PROGRESS));
        assertThat(page.getLong("counts.error")).isEqualTo(all.stream()
                .filter(item -> item.status() == TaskStatus.ERROR).count());
    }

    @Test
    void countsAreWithinTheRange() {
        List<TaskItem> all = storeExecutions(200);
        JsonPath global = page(Map.of("limit", "1", "from", at(7), "to", at(31)));
        JsonPath rocket = page(Map.of("limit", "1", "project", "acme/rocket", "statuses", "success", "from", at(22)));
        JsonPath car = page(Map.of("limit", "1", "project", "other/car", "to", at(9)));
        for (TaskStatus status : TaskStatus.values()) {
            Predicate<TaskItem> hasStatus = item -> item.status() == status;
            assertThat(global.getLong("counts." + status.wireName())).as(status.wireName())
                    .isEqualTo(count(all, hasStatus.and(inRange(7, 31))));
            assertThat(rocket.getLong("counts." + status.wireName())).as(status.wireName()).isEqualTo(count(all,
                    hasStatus.and(inRange(22, Long.MAX_VALUE)).and(item -> item.project().equals("acme/rocket"))));
            assertThat(car.getLong("counts." + status.wireName())).as(status.wireName()).isEqualTo(count(all,
                    hasStatus.and(inRange(Long.MIN_VALUE, 9)).and(item -> item.project().equals("other/car"))));
        }
        assertThat(global.getLong("counts.success")).isPositive().isLessThan(count(all,
                item -> item.status() == TaskStatus.SUCCESS));
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-15T10:00:00.000Z", "2026-03-15T12:00:00+02:00", "2026-03-15T10:00:00.001Z" })
    void fromNotBeforeToAnswers400(String from) {
        request().queryParam("from", from).queryParam("to", "2026-03-15T10:00:00Z").get("/dashboard/tasks").then()
                .statusCode(400)
                .body("error", equalTo("invalid_parameter"))
                .body("parameter", equalTo("to"))
                .body("message", startsWith("to: "));
    }

    @Test
    void limitDefaultsFromConfigAndIsClampedToTheMaximum() {
        storeExecutions(260);
        assertThat(page(Map.of()).getList("items")).hasSize(50);
        assertThat(page(Map.of("limit", "1")).getList("items")).hasSize(1);
        assertThat(page(Map.of("limit", "1000")).getList("items")).hasSize(200);
        assertThat(page(Map.of("limit", "99999999999999999999")).getList("items")).hasSize(200);
    }

    @Test
    void countsByStatusForTheProjectOrAllProjects() {
        List<TaskItem> all = storeExecutions(90);
        JsonPath global = page(Map.of("limit", "1"));
        JsonPath jet = page(Map.of("limit", "1", "project", "acme/jet", "statuses", "error"));
        for (TaskStatus status : TaskStatus.values()) {
            assertThat(global.getLong("counts." + status.wireName()))
                    .isEqualTo(all.stream().filter(item -> item.status() == status).count());
            assertThat(jet.getLong("counts." + status.wireName())).isEqualTo(all.stream()
                    .filter(item -> item.status() == status && item.project().equals("acme/jet")).count());
        }

        store(Projection.event("exec-0", "acme/rocket", TaskStatus.ERROR, START.plusSeconds(5_000)));
        JsonPath after = page(Map.of("limit", "1", "project", "acme/rocket"));
        assertThat(after.getLong("counts.error"))
                .isEqualTo(jetOrRocket(all, "acme/rocket", TaskStatus.ERROR) + 1);
        assertThat(after.getLong("counts.in_progress"))
                .isEqualTo(jetOrRocket(all, "acme/rocket", TaskStatus.IN_PROGRESS) - 1);
    }

    @Test
    void streamCursorIsWhereTheProjectionIsComplete() {
        List<TaskItem> projected = recordExecutions(5);
        StreamEntryId lastProjected = projected.get(4).lastEventId();
        assertThat(page(Map.of()).getString("streamCursor")).isEqualTo(lastProjected.toString());

        // Published but not yet read by the projector: not in the snapshot, so the stream must replay it.
        StreamEntryId waiting = projection.publish(Projection.event("late-1", "acme/rocket", TaskStatus.SUCCESS,
                START.plusSeconds(100)));
        assertThat(page(Map.of()).getString("streamCursor")).isEqualTo(lastProjected.toString());

        // Read by the projector but not acknowledged: maybe not applied yet either.
        projection.deliverNewEntries();
        StreamEntryId cursor = StreamEntryId.parse(page(Map.of()).getString("streamCursor"));
        assertThat(cursor).isGreaterThanOrEqualTo(lastProjected).isLessThan(waiting);

        projection.projectNewEntries();
        projection.publish(Projection.event("late-2", "acme/rocket", TaskStatus.SUCCESS, START.plusSeconds(100)));
        assertThat(page(Map.of()).getString("streamCursor")).isEqualTo(waiting.toString());
    }

    @Test
    void indexEntriesWithoutAReadableHashAreSkippedAndThePageStillFills() {
        List<TaskItem> all = storeExecutions(30);
        List<String> expected = new ArrayList<>(idsNewestFirst(all, item -> true));
        redis.key().del(RedisKeys.execution(expected.get(1)));
        redis.hash(String.class).hset(RedisKeys.execution(expected.get(3)), "status", "unknown-status");
        expected.remove(3);
        expected.remove(1);

        assertThat(page(Map.of("limit", "10")).getList("items.executionId")).containsExactlyElementsOf(
                expected.subList(0, 10));
        assertThat(allPages(Map.of("limit", "7"))).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> invalidParameters() {
        return Stream.of(
                Arguments.of("statuses", "done"),
                Arguments.of("statuses", "SUCCESS"),
                Arguments.of("statuses", "success,,nope"),
                Arguments.of("limit", "abc"),
                Arguments.of("limit", "0"),
                Arguments.of("limit", "-3"),
                Arguments.of("limit", "1.5"),
                Arguments.of("cursor", "!!!"),
                Arguments.of("cursor", base64("2:1000:exec-1")),
                Arguments.of("cursor", base64("1:soon:exec-1")),
                Arguments.of("cursor", base64("1:1000:exec 1")),
                Arguments.of("cursor", base64("1:1000")),
                Arguments.of("project", "not-a-project"),
                Arguments.of("project", "acme/rocket/extra"),
                Arguments.of("from", "yesterday"),
                Arguments.of("from", "2026-03-15T10:00:00"),
                Arguments.of("from", "2026-03-15"),
                Arguments.of("from", "1700000000000"),
                Arguments.of("to", "2026-13-01T00:00:00Z"),
                Arguments.of("to", "2026-03-15T10:00:00Z junk"),
                Arguments.of("to", "+300000-01-01T00:00:00Z"),
                Arguments.of("from", "-999999999-01-01T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("invalidParameters")
    void badParametersAnswer400NamingTheParameter(String parameter, String value) {
        request().queryParam(parameter, value).get("/dashboard/tasks").then()
                .statusCode(400)
                .contentType("application/json")
                .body("error", equalTo("invalid_parameter"))
                .body("parameter", equalTo(parameter))
                .body("message", startsWith(parameter + ": "));
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "DELETE" })
    void otherMethodsAnswerJsonToo(String method) {
        request().request(method, "/dashboard/tasks").then().statusCode(405).body("error", equalTo("method_not_allowed"));
    }

    @Test
    void answers503WhileRedisIsDown() {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.canRestart(), "an external Redis is not ours to stop");
        server.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    request().get("/dashboard/tasks").then().statusCode(503)
                            .contentType("application/json")
                            .body("error", equalTo("redis_unavailable"))
                            .body("size()", equalTo(1)));
        } finally {
            server.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                request().get("/dashboard/tasks").then().statusCode(200));
    }

    private RequestSpecification request() {
        return given().auth().oauth2(Viewers.verifiedEmail(tokens, "alice@example.com"));
    }

    private JsonPath page(Map<String, ?> query) {
        return request().queryParams(query).get("/dashboard/tasks").then().statusCode(200).extract().jsonPath();
    }

    /** Follows {@code nextCursor} to the end and returns every listed executionId in order. */
    private List<String> allPages(Map<String, String> query) {
        Map<String, Object> params = new LinkedHashMap<>(query);
        List<String> ids = new ArrayList<>();
        for (int pages = 0; pages < 1_000; pages++) {
            JsonPath page = page(params);
            ids.addAll(page.getList("items.executionId", String.class));
            String next = page.getString("nextCursor");
            if (next == null) {
                return ids;
            }
            params.put("cursor", next);
        }
        throw new AssertionError("pagination did not end");
    }

    /**
     * {@code count} executions over three projects and three statuses; every four share one millisecond, so page
     * boundaries fall between equal scores.
     */
    private List<TaskItem> storeExecutions(int count) {
        List<TaskItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(store(sample(i)));
        }
        return items;
    }

    /** Like {@link #storeExecutions} but through the stream and the projector's group. */
    private List<TaskItem> recordExecutions(int count) {
        List<TaskItem> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            projection.publish(sample(i));
        }
        projection.projectNewEntries();
        for (int i = 0; i < count; i++) {
            items.add(projection.item("exec-" + i));
        }
        return items;
    }

    private static dev.tasktrail.model.TaskEvent sample(int i) {
        return Projection.event("exec-" + i, PROJECTS.get(i % 3), TaskStatus.values()[(i / 3) % 3],
                START.plusMillis(i / 4));
    }

    private TaskItem store(dev.tasktrail.model.TaskEvent event) {
        TaskItem item = TaskItem.fromEvent(event, new StreamEntryId(event.occurredAt().toEpochMilli(), 0));
        projection.store(item);
        return item;
    }

    private static List<String> idsNewestFirst(List<TaskItem> items, Predicate<TaskItem> filter) {
        return items.stream().filter(filter).sorted(NEWEST_FIRST).map(TaskItem::executionId).toList();
    }

    /** {@code START} plus that many milliseconds, as the {@code from}/{@code to} parameters take it. */
    private static String at(long millis) {
        return Timestamps.format(START.plusMillis(millis));
    }

    /** occurredAt in [START + from ms, START + to ms). */
    private static Predicate<TaskItem> inRange(long from, long to) {
        return item -> {
            long offset = item.occurredAt().toEpochMilli() - START.toEpochMilli();
            return offset >= from && offset < to;
        };
    }

    private static long count(List<TaskItem> items, Predicate<TaskItem> filter) {
        return items.stream().filter(filter).count();
    }

    private static long jetOrRocket(List<TaskItem> items, String project, TaskStatus status) {
        return items.stream().filter(item -> item.project().equals(project) && item.status() == status).count();
    }

    private static TaskItem projectionItem(Map<?, ?> json) {
        return dev.tasktrail.model.TaskItem.fromHash(Map.of(
                "executionId", (String) json.get("executionId"),
                "taskName", (String) json.get("taskName"),
                "status", (String) json.get("status"),
                "project", (String) json.get("project"),
                "occurredAt", (String) json.get("occurredAt"),
                "actorProvider", (String) ((Map<?, ?>) json.get("actor")).get("provider"),
                "actorId", (String) ((Map<?, ?>) json.get("actor")).get("id"),
                "lastEventId", (String) json.get("lastEventId")));
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
