package dev.tasktrail.dashboard.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.dashboard.ConnectionProxy;
import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.projects.ProjectsConfigFileResource;
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
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The dashboard page following the stream (GET /dashboard/tasks/stream) in headless Chromium: updates arrive without
 * a reload, change rows and the detail panel in place (focus and scroll position stay), respect newer-wins, pause and
 * resume, and a refresh request reloads the snapshot (held while paused).
 */
@QuarkusTest
@TestProfile(DashboardPageLiveTest.FastStream.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DashboardPageLiveTest {

    /** Keepalives every second; small replay limits (memory and Redis), so a refresh can be provoked. */
    public static class FastStream implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.heartbeat-ms", "1000", "task.dashboard.replay-limit", "5",
                    "task.dashboard.stream.replay-max", "5");
        }
    }

    private static final String BACKEND = "houlak/rukipay-backend";
    private static Browser browser;

    @TestHTTPResource("/dashboard/ui/")
    URL page;

    @InjectTokenMinter
    TokenMinter tokens;

    @Inject
    RedisDataSource redis;

    private Projection projection;
    private Instant now;

    @BeforeAll
    static void startBrowser() {
        browser = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void emptyProjection() {
        projection = new Projection(redis);
        projection.clear();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    @Test
    void aNewEventAppearsWithoutAReload() {
        record("exec-1", TaskStatus.SUCCESS, now.minusSeconds(10));
        openLive();
        awaitRows("exec-1");
        awaitMetric("in_progress", "0");
        browser.driver.executeScript("window.sameDocument = true;");

        record("exec-2", TaskStatus.IN_PROGRESS, now);

        awaitRows("exec-2", "exec-1");
        assertThat(row("exec-2").findElement(By.cssSelector(".status")).getText()).isEqualTo("In progress");
        awaitMetric("in_progress", "1");
        assertThat(browser.driver.executeScript("return window.sameDocument")).as("no reload").isEqualTo(true);
        browser.screenshot("dashboard-live");
    }

    @Test
    void aStatusChangeUpdatesTheRowInPlaceWhileTheDetailPanelStaysOpen() {
        record("exec-a", TaskStatus.IN_PROGRESS, now.minusSeconds(20));
        record("exec-b", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        openLive();
        awaitRows("exec-b", "exec-a");
        WebElement rowA = row("exec-a");
        rowA.findElement(By.cssSelector("button.open-detail")).click();
        await().untilAsserted(() -> assertThat(field("status")).isEqualTo("In progress"));

        TaskItem finished = record("exec-a", TaskStatus.SUCCESS, now);

        awaitRows("exec-a", "exec-b");
        // The same element, changed and moved: not re-rendered.
        assertThat(rowA.findElement(By.cssSelector(".status")).getText()).isEqualTo("Success");
        assertThat(rowA.getAttribute("class")).contains("open");
        assertThat(browser.driver.findElement(By.id("detail")).isDisplayed()).isTrue();
        await().untilAsserted(() -> assertThat(field("status")).isEqualTo("Success"));
        assertThat(field("lastEventId")).isEqualTo(finished.lastEventId().toString());
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("detail-title");

        // Focus on a row survives that row moving.
        WebElement buttonB = row("exec-b").findElement(By.cssSelector("button.open-detail"));
        browser.driver.executeScript("arguments[0].focus();", buttonB);
        record("exec-b", TaskStatus.ERROR, now.plusSeconds(1));
        awaitRows("exec-b", "exec-a");
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(buttonB);
    }

    @Test
    void focusInTheDetailPanelSurvivesAnUpdateOfItsTask() {
        record("focus-1", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        openLive();
        awaitRows("focus-1");
        row("focus-1").findElement(By.cssSelector("button.open-detail")).click();
        WebElement pullRequest = browser.driver.findElement(By.cssSelector("#detail [data-field=prLinks] a"));
        browser.driver.executeScript("arguments[0].focus();", pullRequest);

        TaskItem finished = record("focus-1", TaskStatus.SUCCESS, now);

        await().untilAsserted(() -> assertThat(field("status")).isEqualTo("Success"));
        assertThat(field("lastEventId")).isEqualTo(finished.lastEventId().toString());
        assertThat(browser.driver.switchTo().activeElement()).as("the same link, still focused").isEqualTo(pullRequest);
    }

    @Test
    void theScrollPositionSurvivesUpdates() {
        int tasks = 50; // a page of the snapshot, newest first: scroll-50 at the top
        for (int i = 1; i <= tasks; i++) {
            record("scroll-" + i, TaskStatus.IN_PROGRESS, now.minusSeconds(100 - i));
        }
        openLive();
        await().untilAsserted(() -> assertThat(visibleRowIds()).hasSize(tasks));
        WebElement watched = row("scroll-30");
        browser.driver.executeScript("arguments[0].scrollIntoView({block: 'center'});", watched);
        double scrolled = number("return window.scrollY;");
        double watchedTop = top(watched);
        assertThat(scrolled).as("scrolled down").isPositive();
        assertThat(top(row("scroll-45"))).as("above the viewport").isNegative();
        assertThat(top(row("scroll-3"))).as("below the viewport").isGreaterThan(number("return window.innerHeight;"));

        // Same instants, later entries: newer states that change the rows without moving them.
        record("scroll-45", TaskStatus.ERROR, now.minusSeconds(55));
        record("scroll-30", TaskStatus.SUCCESS, now.minusSeconds(70));
        record("scroll-3", TaskStatus.SUCCESS, now.minusSeconds(97));

        await().untilAsserted(() -> assertThat(List.of(status("scroll-45"), status("scroll-30"), status("scroll-3")))
                .containsExactly("Error", "Success", "Success"));
        assertThat(row("scroll-30")).as("the same row element").isEqualTo(watched);
        assertThat(number("return window.scrollY;")).isEqualTo(scrolled);
        assertThat(top(watched)).isEqualTo(watchedTop);
    }

    @Test
    void aSnapshotNeverReplacesANewerStateTheStreamShowed() {
        record("older-1", TaskStatus.IN_PROGRESS, now.minusSeconds(20));
        TaskItem started = record("older-2", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        openLive();
        awaitRows("older-2", "older-1");
        record("older-1", TaskStatus.SUCCESS, now);
        record("older-2", TaskStatus.SUCCESS, now.minusSeconds(10));
        awaitRows("older-1", "older-2");
        await().untilAsserted(() -> assertThat(status("older-2")).isEqualTo("Success"));

        // older-1: older by occurredAt, though carried by a later entry; older-2: the same instant, an earlier entry.
        TaskEvent lateStart = Projection.event("older-1", BACKEND, TaskStatus.IN_PROGRESS, now.minusSeconds(30));
        StreamEntryId lateEntry = projection.publish(lateStart);
        projection.projectNewEntries();
        projection.store(TaskItem.fromEvent(lateStart, lateEntry));
        projection.store(started);
        // Only the snapshot knows it: its row shows that the reloaded snapshot was applied.
        projection.store(TaskItem.fromEvent(Projection.event("snapshot-only", BACKEND, TaskStatus.IN_PROGRESS,
                now.minusSeconds(40)), lateEntry));
        browser.driver.findElement(By.cssSelector("input[name=status][value=error]")).click();

        awaitRows("older-1", "older-2", "snapshot-only");
        assertThat(status("older-1")).isEqualTo("Success");
        assertThat(status("older-2")).isEqualTo("Success");
    }

    @Test
    void pauseHoldsUpdatesAndResumeAppliesTheLatest() {
        record("exec-1", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        openLive();
        awaitRows("exec-1");
        browser.driver.findElement(By.id("pause")).click();
        assertThat(browser.driver.findElement(By.id("pause")).getAttribute("aria-pressed")).isEqualTo("true");

        record("exec-1", TaskStatus.ERROR, now.minusSeconds(5));
        record("exec-1", TaskStatus.SUCCESS, now);
        record("exec-2", TaskStatus.IN_PROGRESS, now.plusSeconds(1));

        await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("pending-count")).getText())
                .isEqualTo("2 new"));
        assertThat(visibleRowIds()).containsExactly("exec-1");
        assertThat(row("exec-1").findElement(By.cssSelector(".status")).getText()).isEqualTo("In progress");

        browser.driver.findElement(By.id("pause")).click();
        awaitRows("exec-2", "exec-1");
        assertThat(row("exec-1").findElement(By.cssSelector(".status")).getText()).isEqualTo("Success");
        assertThat(browser.driver.findElement(By.id("pending-count")).isDisplayed()).isFalse();
    }

    /**
     * While paused, a reload the stream asks for is held like live updates: counted, applied on resume. Provoked by
     * cutting the page off while more happens than the stream can replay (5 in memory, 5 from Redis).
     */
    @Test
    void aSnapshotReloadWhilePausedWaitsForResume() {
        record("paused-1", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        try (ConnectionProxy proxy = ConnectionProxy.to(page.getPort())) {
            openLive(proxy, "");
            awaitRows("paused-1");
            browser.driver.findElement(By.id("pause")).click();

            proxy.cut();
            awaitConnection("reconnecting");
            record("paused-1", TaskStatus.SUCCESS, now);
            for (int i = 1; i <= 6; i++) {
                record("paused-new-" + i, TaskStatus.IN_PROGRESS, now.plusSeconds(i));
            }
            proxy.restore();

            await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("pending-count")).getText())
                    .isEqualTo("7 new"));
            assertThat(browser.driver.findElement(By.id("announcer")).getText())
                    .isEqualTo("Reloading tasks (the live stream moved on).");
            assertThat(visibleRowIds()).containsExactly("paused-1");
            assertThat(status("paused-1")).isEqualTo("In progress");

            browser.driver.findElement(By.id("pause")).click();
            awaitRows("paused-new-6", "paused-new-5", "paused-new-4", "paused-new-3", "paused-new-2", "paused-new-1",
                    "paused-1");
            assertThat(status("paused-1")).isEqualTo("Success");
            assertThat(browser.driver.executeScript("return window.sameDocument")).as("no reload").isEqualTo(true);
        }
    }

    @Test
    void aTaskThatLeavesTheStatusFilterLeavesTheTable() {
        record("exec-1", TaskStatus.IN_PROGRESS, now.minusSeconds(20));
        record("exec-2", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        openLive("?statuses=in_progress");
        awaitRows("exec-2", "exec-1");
        row("exec-1").findElement(By.cssSelector("button.open-detail")).click();

        record("exec-1", TaskStatus.SUCCESS, now);

        awaitRows("exec-2");
        assertThat(field("status")).isEqualTo("Success");
        assertThat(browser.driver.findElement(By.id("detail-notice")).getText())
                .isEqualTo("This task no longer matches the filters.");
        record("exec-3", TaskStatus.ERROR, now.plusSeconds(1));
        record("exec-4", TaskStatus.IN_PROGRESS, now.plusSeconds(2));
        awaitRows("exec-4", "exec-2");
    }

    /**
     * With a time range the stream's updates are applied only when they are in it: an event about a task older
     * than the range is neither shown nor counted (the server's counts cover the range too).
     */
    @Test
    void anUpdateOutsideTheTimeRangeIsNotAdded() {
        record("range-1", TaskStatus.SUCCESS, now.minusSeconds(60));
        openLive("?range=1h");
        awaitRows("range-1");
        awaitMetric("success", "1");

        record("range-old", TaskStatus.ERROR, now.minus(Duration.ofHours(2)));
        record("range-2", TaskStatus.IN_PROGRESS, now);

        awaitRows("range-2", "range-1");
        awaitMetric("in_progress", "1");
        assertThat(browser.driver.findElement(By.id("summary")).getText())
                .isEqualTo("Showing 2 of 2 loaded tasks; all matching tasks are loaded.");
        assertThat(browser.driver.findElement(By.cssSelector("[data-metric=error]")).getText()).isEqualTo("0");
        assertThat(browser.driver.findElement(By.cssSelector("[data-metric=scope]")).getText())
                .isEqualTo("All tasks matching the filters");
    }

    /**
     * The projector lags: the snapshot's streamCursor is older than what the stream can replay (memory window and
     * Redis replay both hold 5), so the stream asks for a refresh; the page reloads (backing off) until the
     * projection caught up, then goes live with the new state.
     */
    @Test
    void aRefreshRequestReloadsTheSnapshot() {
        record("exec-0", TaskStatus.IN_PROGRESS, now.minusSeconds(60));
        for (int i = 1; i <= 8; i++) {
            projection.publish(Projection.event("lag-" + i, BACKEND, TaskStatus.SUCCESS, now.minusSeconds(50 - i)));
        }
        open("");
        await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("announcer")).getText())
                .isEqualTo("Reloading tasks (the live stream moved on)."));
        assertThat(visibleRowIds()).containsExactly("exec-0");

        projection.projectNewEntries();

        awaitRows("lag-8", "lag-7", "lag-6", "lag-5", "lag-4", "lag-3", "lag-2", "lag-1", "exec-0");
        awaitConnection("live");
        record("exec-0", TaskStatus.SUCCESS, now);
        awaitRows("exec-0", "lag-8", "lag-7", "lag-6", "lag-5", "lag-4", "lag-3", "lag-2", "lag-1");
    }

    /**
     * The connection drops and reconnecting fails for a while: the page says so, and once the browser gets through
     * again it resumes from its last event id and catches up with what happened meanwhile.
     */
    @Test
    void reconnectsAndCatchesUpAfterTheConnectionDrops() {
        record("exec-1", TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        try (ConnectionProxy proxy = ConnectionProxy.to(page.getPort())) {
            openLive(proxy, "");
            awaitRows("exec-1");

            proxy.cut();
            awaitConnection("reconnecting");
            record("exec-1", TaskStatus.SUCCESS, now);
            record("exec-2", TaskStatus.IN_PROGRESS, now.plusSeconds(1));
            proxy.restore();

            awaitConnection("live");
            awaitRows("exec-2", "exec-1");
            assertThat(row("exec-1").findElement(By.cssSelector(".status")).getText()).isEqualTo("Success");
            assertThat(browser.driver.executeScript("return window.sameDocument")).as("no reload").isEqualTo(true);
        }
    }

    /** Keepalives (every second here) stop arriving while the connection stays open: the page calls it stale. */
    @Test
    void saysStaleWhenKeepalivesStop() {
        try (ConnectionProxy proxy = ConnectionProxy.to(page.getPort())) {
            openLive(proxy, "");
            proxy.stall();
            awaitConnection("stale");
            assertThat(browser.driver.findElement(By.id("connection-label")).getText()).isEqualTo("Stale: no keepalive");
            proxy.restore();
            awaitConnection("live");
        }
    }

    /** Leaving the page frees its stream at once, even when the browser keeps the page for "back". */
    @Test
    void leavingThePageClosesItsStream() {
        openLive();
        await().untilAsserted(() -> assertThat(openStreams()).isEqualTo(1.0));
        browser.driver.get("about:blank");
        await().untilAsserted(() -> assertThat(openStreams()).isZero());
    }

    // --- helpers -----------------------------------------------------------------------------------------

    /**
     * The service remembers the newest state per execution across tests and drops older ones from the stream: a test
     * whose updates must not lose to a later state of an earlier test uses execution ids of its own.
     */
    private TaskItem record(String executionId, TaskStatus status, Instant occurredAt) {
        return projection.record(Projection.event(executionId, BACKEND, status, occurredAt));
    }

    /** Opens the page signed in, with a query, and waits until the stream is live. */
    private void openLive(String query) {
        open(query);
        awaitConnection("live");
    }

    private void openLive() {
        openLive("");
    }

    private void open(String query) {
        open(page.toString(), query);
    }

    /** Opens the page through the proxy: every request of the page, the stream included, passes it. */
    private void openLive(ConnectionProxy proxy, String query) {
        open("http://localhost:" + proxy.port() + page.getPath(), query);
        awaitConnection("live");
        browser.driver.executeScript("window.sameDocument = true;");
    }

    private void open(String pageUrl, String query) {
        browser.driver.get("about:blank");
        browser.driver.get(pageUrl + query + "#token=" + Viewers.verifiedEmail(tokens, "viewer@example.com"));
    }

    private void awaitConnection(String state) {
        await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("connection"))
                .getAttribute("data-state")).isEqualTo(state));
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions();
    }

    private void awaitRows(String... executionIds) {
        await().untilAsserted(() -> assertThat(visibleRowIds()).containsExactly(executionIds));
    }

    private void awaitMetric(String metric, String value) {
        await().untilAsserted(() -> assertThat(browser.driver.findElement(
                By.cssSelector("[data-metric=" + metric + "]")).getText()).isEqualTo(value));
    }

    private static double openStreams() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("tasktrail_dashboard_stream_subscribers "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).sum();
    }

    @SuppressWarnings("unchecked")
    private List<String> visibleRowIds() {
        return (List<String>) browser.driver.executeScript("return [...document.querySelectorAll('#task-rows tr')]"
                + ".filter(row => !row.hidden).map(row => row.dataset.executionId);");
    }

    private WebElement row(String executionId) {
        return browser.driver.findElement(By.cssSelector("#task-rows tr[data-execution-id='" + executionId + "']"));
    }

    private String status(String executionId) {
        return row(executionId).findElement(By.cssSelector(".status")).getText();
    }

    /** Where the element's top is in the viewport. */
    private double top(WebElement element) {
        return number("return arguments[0].getBoundingClientRect().top;", element);
    }

    private double number(String script, Object... arguments) {
        return ((Number) browser.driver.executeScript(script, arguments)).doubleValue();
    }

    private String field(String name) {
        return browser.driver.findElement(By.cssSelector("[data-field=" + name + "]")).getText();
    }
}
