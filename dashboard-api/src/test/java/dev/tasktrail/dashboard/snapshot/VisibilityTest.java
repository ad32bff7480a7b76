package dev.tasktrail.dashboard.snapshot;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.model.Actor;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Snapshots with {@code TASK_DASHBOARD_ENFORCE_VISIBILITY=true} (SPEC §5) and a small
 * {@code TASK_DASHBOARD_SNAPSHOT_MAX_SCAN}, so that bounded scans show.
 */
@QuarkusTest
@TestProfile(VisibilityTest.Enforced.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class VisibilityTest {

    private static final int MAX_SCAN = 60;
    private static final Instant START = Instant.parse("2026-03-15T10:00:00.000Z");
    private static final String ALICE = "google:alice@example.com";

    public static class Enforced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.enforce-visibility", "true",
                    "task.dashboard.snapshot-max-scan", Integer.toString(MAX_SCAN),
                    "task.dashboard.snapshot-max-limit", "50");
        }
    }

    @InjectTokenMinter
    TokenMinter tokens;

    @Inject
    RedisDataSource redis;

    private Projection projection;

    @BeforeEach
    void emptyProjection() {
        projection = new Projection(redis);
        projection.clear();
    }

    @Test
    void aVerifiedEmailSeesTheTasksItIsResponsibleFor() {
        store("alices", 3, ALICE);
        store("bobs", 2, "google:bob@example.com");
        store("both", 1, ALICE, "google:bob@example.com");

        assertThat(ids(Viewers.verifiedEmail(tokens, "alice@example.com"), Map.of()))
                .containsExactly("alices", "both");
        assertThat(ids(Viewers.verifiedEmail(tokens, "bob@example.com"), Map.of())).containsExactly("bobs", "both");
        assertThat(ids(Viewers.verifiedEmail(tokens, "carol@example.com"), Map.of())).isEmpty();
    }

    @Test
    void anUnverifiedEmailFallsBackToTheSubject() {
        store("by-email", 2, ALICE);
        store("by-subject", 1, "google-sub:1234567890");

        assertThat(ids(Viewers.unverifiedEmail(tokens, "1234567890", "alice@example.com"), Map.of()))
                .containsExactly("by-subject");
        assertThat(ids(Viewers.verifiedEmail(tokens, "alice@example.com"), Map.of())).containsExactly("by-email");
    }

    @Test
    void thePageFillsPastHiddenTasksAndEveryVisibleOneIsListedOnce() {
        List<String> alicesNewestFirst = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            boolean alices = i % 7 == 0;
            store("exec-" + i, i, alices ? ALICE : "google:someone@example.com");
            if (alices) {
                alicesNewestFirst.add(0, "exec-" + i);
            }
        }
        String alice = Viewers.verifiedEmail(tokens, "alice@example.com");

        assertThat(page(alice, Map.of("limit", "5")).getList("items.executionId"))
                .containsExactlyElementsOf(alicesNewestFirst.subList(0, 5));
        assertThat(allPages(alice, Map.of("limit", "5"))).containsExactlyElementsOf(alicesNewestFirst);
        assertThat(allPages(alice, Map.of("limit", "4", "statuses", "in_progress,error")))
                .containsExactlyElementsOf(alicesNewestFirst.stream()
                        .filter(id -> projection.item(id).status() != TaskStatus.SUCCESS).toList());
    }

    @Test
    void aRequestReadsAtMostTheScanLimitAndHandsBackACursor() {
        for (int i = 0; i < 200; i++) {
            store("exec-" + i, i, i < 2 ? ALICE : "google:someone@example.com");
        }
        String alice = Viewers.verifiedEmail(tokens, "alice@example.com");

        JsonPath first = page(alice, Map.of("limit", "5"));
        assertThat(first.getList("items")).isEmpty();
        assertThat(first.getString("nextCursor")).isNotNull();

        List<Integer> pageSizes = new ArrayList<>();
        Map<String, Object> query = new LinkedHashMap<>(Map.of("limit", "5"));
        List<String> listed = new ArrayList<>();
        String cursor = null;
        do {
            if (cursor != null) {
                query.put("cursor", cursor);
            }
            JsonPath page = page(alice, query);
            pageSizes.add(page.getList("items").size());
            listed.addAll(page.getList("items.executionId", String.class));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(listed).containsExactly("exec-1", "exec-0");
        assertThat(pageSizes).hasSize((200 + MAX_SCAN - 1) / MAX_SCAN);
    }

    @Test
    void countsAreLeftOutWhenVisibilityIsEnforced() {
        store("alices", 1, ALICE);
        JsonPath page = page(Viewers.verifiedEmail(tokens, "alice@example.com"), Map.of());
        assertThat(page.getMap("")).containsKeys("items", "nextCursor", "streamCursor").doesNotContainKey("counts");
    }

    private void store(String executionId, int second, String... responsibleUsers) {
        TaskEvent event = Projection.event(executionId, "acme/rocket", TaskStatus.values()[second % 3],
                START.plusSeconds(second), new Actor("github", "octocat"), List.of(responsibleUsers));
        projection.store(TaskItem.fromEvent(event, new StreamEntryId(second + 1, 0)));
    }

    private JsonPath page(String token, Map<String, ?> query) {
        return given().auth().oauth2(token).queryParams(query).get("/dashboard/tasks").then().statusCode(200)
                .extract().jsonPath();
    }

    private List<String> ids(String token, Map<String, ?> query) {
        return page(token, query).getList("items.executionId", String.class);
    }

    private List<String> allPages(String token, Map<String, String> query) {
        Map<String, Object> params = new LinkedHashMap<>(query);
        List<String> ids = new ArrayList<>();
        for (int pages = 0; pages < 1_000; pages++) {
            JsonPath page = page(token, params);
            ids.addAll(page.getList("items.executionId", String.class));
            String next = page.getString("nextCursor");
            if (next == null) {
                return ids;
            }
            params.put("cursor", next);
        }
        throw new AssertionError("pagination did not end");
    }
}
