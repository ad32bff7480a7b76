package dev.tasktrail.dashboard.ui;

import static dev.tasktrail.dashboard.Responses.assertUnauthorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.projects.ProjectsConfigFileResource;
import dev.tasktrail.model.Actor;
import dev.tasktrail.model.TaskError;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Timestamps;
import dev.tasktrail.model.Visibility;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
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
import java.net.URI;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard page (docs/dashboard-api.md "The dashboard page") in headless Chromium against this service with a
 * real Redis and locally signed tokens: what it shows of the snapshot, its filters, pages, detail panel, sign-in,
 * and that it is public while the data is not.
 */
@QuarkusTest
@TestProfile(DashboardPageTest.SmallPages.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DashboardPageTest {

    /** Pages of 5, so "load more" needs only a few executions. */
    public static class SmallPages implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.dashboard.snapshot-default-limit", "5");
        }
    }

    private static final String BACKEND = "houlak/rukipay-backend";
    private static final String WEB = "houlak/rukipay-web";
    private static Browser browser;

    @TestHTTPResource("/dashboard/ui/")
    URL page;

    @InjectTokenMinter
    TokenMinter tokens;

    @Inject
    RedisDataSource redis;

    @InjectRedisServer
    RedisServer redisServer;

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

    /**
     * Each test starts from an empty projection. The service's stream window still holds earlier tests' updates,
     * but pages open the stream after the snapshot's cursor, so record() (which moves it) must come first.
     */
    @BeforeEach
    void emptyProjection() {
        projection = new Projection(redis);
        projection.clear();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        browser.driver.manage().window().setSize(new Dimension(1280, 900));
        browser.consoleMessages();
    }

    @AfterEach
    void noScriptErrors() {
        List<String> errors = browser.consoleMessages().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Uncaught") || message.contains("SyntaxError")).toList();
        assertThat(errors).as("errors of the page's scripts").isEmpty();
    }

    // --- served by the dashboard-api, public, data still needs a token -------------------------------------

    @Test
    void thePageIsPublicAndTheDataIsNot() {
        given().get("/dashboard/ui/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("script-src 'self' https://accounts.google.com/gsi/client;"))
                .header("Content-Security-Policy", containsString("connect-src 'self' https://accounts.google.com/gsi/;"))
                .body(containsString("<script type=\"module\" src=\"app.js\"></script>"));
        given().get("/dashboard/ui/app.js").then().statusCode(200).contentType(containsString("javascript"))
                .header("Cache-Control", containsString("max-age=0"));
        given().redirects().follow(false).get("/dashboard/ui").then().statusCode(301).header("Location", "ui/");
        given().get("/dashboard/ui/config.json").then().statusCode(200).header("Cache-Control", "no-cache")
                .body("signIn", equalTo("local"))
                .body("heartbeatMs", equalTo(15000))
                .body("size()", equalTo(2));

        assertUnauthorized(given().get("/dashboard/tasks").then());
        assertUnauthorized(given().get("/dashboard/projects").then());
        assertUnauthorized(given().get("/dashboard/tasks/stream").then());
        assertUnauthorized(given().get("/dashboard/uix").then());
        assertUnauthorized(given().get("/dashboard").then());
    }

    @Test
    void everyAssetComesFromTheDashboardApi() {
        record("exec-1", BACKEND, TaskStatus.SUCCESS, now);
        open("", viewerToken());
        awaitRows("exec-1");
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) script(
                "return performance.getEntriesByType('resource').map(entry => entry.name)"
                        + ".concat([location.href]);");
        String origin = URI.create(page.toString()).resolve("/").toString();
        assertThat(loaded).isNotEmpty().allSatisfy(url -> assertThat(url).startsWith(origin));
        assertThat(loaded).noneMatch(url -> url.contains("token="));
    }

    // --- snapshot, metrics ------------------------------------------------------------------------------

    @Test
    void showsTheSnapshotNewestFirstWithItsCounts() {
        record("exec-a", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(30));
        record("exec-b", WEB, TaskStatus.ERROR, now.minusSeconds(20));
        record("exec-c", BACKEND, TaskStatus.IN_PROGRESS, now.minusSeconds(10));
        record("exec-d", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(5));

        open("", viewerToken());

        awaitRows("exec-d", "exec-c", "exec-b", "exec-a");
        WebElement row = row("exec-b");
        assertThat(row.findElement(By.cssSelector(".task-name")).getText()).isEqualTo("task exec-b");
        assertThat(row.findElement(By.cssSelector(".status")).getText()).isEqualTo("Error");
        assertThat(row.findElement(By.cssSelector(".project")).getText()).isEqualTo(WEB);
        assertThat(row.findElement(By.cssSelector(".flow")).getText()).isEqualTo("flow/exec-b");
        assertThat(row.findElement(By.cssSelector("time")).getAttribute("datetime"))
                .isEqualTo(Timestamps.format(now.minusSeconds(20)));
        awaitMetrics(Map.of("in_progress", "1", "success", "2", "error", "1", "successRate", "66.7%"));
        assertThat(text("[data-metric=scope]")).isEqualTo("All tasks matching the filters");
        assertThat(browser.driver.getCurrentUrl()).as("the token left the address").doesNotContain("token");
        Path screenshot = browser.screenshot("dashboard-snapshot");
        assertThat(screenshot).isRegularFile();
        assertThat(screenshot.toFile().length()).as("a rendered page, not a blank one").isGreaterThan(20_000);
    }

    @Test
    void loadsMorePagesWithTheCursor() {
        for (int i = 0; i < 12; i++) {
            record("exec-" + (100 + i), BACKEND, TaskStatus.SUCCESS, now.minusSeconds(100 - i));
        }
        open("", viewerToken());
        awaitRows("exec-111", "exec-110", "exec-109", "exec-108", "exec-107");
        assertThat(text("#summary")).isEqualTo("Showing 5 of 5 loaded tasks; more can be loaded.");

        click("#load-more");
        awaitRows("exec-111", "exec-110", "exec-109", "exec-108", "exec-107", "exec-106", "exec-105", "exec-104",
                "exec-103", "exec-102");
        click("#load-more");
        await().untilAsserted(() -> assertThat(visibleRowIds()).hasSize(12).endsWith("exec-101", "exec-100"));
        await().untilAsserted(() -> assertThat(element("#load-more").isDisplayed()).isFalse());
        assertThat(text("#summary")).isEqualTo("Showing 12 of 12 loaded tasks; all matching tasks are loaded.");
    }

    @Test
    void saysWhenTasksCannotBeLoadedAndRecovers() {
        Assumptions.assumeTrue(redisServer.canRestart(), "an external Redis is not ours to stop");
        record("exec-1", BACKEND, TaskStatus.SUCCESS, now);
        redisServer.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().auth().oauth2(viewerToken()).get("/dashboard/tasks").then().statusCode(503));
            open("", viewerToken());
            await().untilAsserted(() -> assertThat(text("#problem")).isEqualTo(
                    "Could not load tasks: the task store (Redis) does not answer. Trying again in 3 s."));
        } finally {
            redisServer.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(40)).ignoreExceptions()
                .untilAsserted(() -> assertThat(visibleRowIds()).containsExactly("exec-1"));
        assertThat(element("#problem").isDisplayed()).isFalse();
    }

    // --- filters -----------------------------------------------------------------------------------------

    @Test
    void filtersNarrowTheTasksAndSurviveAReload() {
        record("deploy-1", BACKEND, TaskStatus.ERROR, now.minusSeconds(50));
        record("deploy-2", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(40));
        record("build-3", BACKEND, TaskStatus.ERROR, now.minusSeconds(30));
        record("deploy-4", WEB, TaskStatus.ERROR, now.minusSeconds(20));
        record("deploy-5", BACKEND, TaskStatus.ERROR, now.minus(Duration.ofDays(2)));
        open("", viewerToken());
        awaitRows("deploy-4", "build-3", "deploy-2", "deploy-1", "deploy-5");

        // Projects come from GET /dashboard/projects: slugs, whose applications' repos are the filter values.
        Select project = new Select(element("#filter-project"));
        await().untilAsserted(() -> assertThat(project.getOptions()).extracting(WebElement::getText)
                .containsExactly("All projects", "rukipay-backend (houlak/rukipay-backend)",
                        "rukipay-web (houlak/rukipay-web)", "reports (initech/reports)"));
        project.selectByValue(BACKEND);
        awaitRows("build-3", "deploy-2", "deploy-1", "deploy-5");
        click("input[name=status][value=success]");
        click("input[name=status][value=in_progress]");
        awaitRows("build-3", "deploy-1", "deploy-5");
        new Select(element("#filter-range")).selectByValue("24h");
        awaitRows("build-3", "deploy-1");
        element("#filter-search").sendKeys("DEPLOY");
        awaitRows("deploy-1");
        awaitMetrics(Map.of("in_progress", "—", "success", "—", "error", "1", "successRate", "—"));
        assertThat(text("[data-metric=scope]")).isEqualTo("Loaded tasks matching the filters");

        URI address = URI.create(browser.driver.getCurrentUrl());
        assertThat(address.getQuery()).isEqualTo("project=" + BACKEND + "&statuses=error&range=24h&q=DEPLOY");
        assertThat(address.toString()).doesNotContain("token");

        browser.driver.navigate().refresh();
        awaitRows("deploy-1");
        assertThat(new Select(element("#filter-project")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(BACKEND);
        assertThat(element("input[name=status][value=error]").isSelected()).isTrue();
        assertThat(element("input[name=status][value=success]").isSelected()).isFalse();
        assertThat(new Select(element("#filter-range")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("24h");
        assertThat(element("#filter-search").getAttribute("value")).isEqualTo("DEPLOY");

        element("#filter-search").clear();
        element("#filter-search").sendKeys("build-3");
        awaitRows("build-3");
    }

    /**
     * 12 tasks in the last 24 hours (more than two pages of 5) and 7 older ones: with a time range the server lists
     * and counts only the 12, alone and with status and project filters, and "load more" ends with them.
     */
    @Test
    void aTimeRangeListsAndCountsOnlyTheTasksInItFromTheServer() {
        for (int i = 0; i < 12; i++) {
            record("recent-" + (10 + i), i % 2 == 0 ? WEB : BACKEND, TaskStatus.values()[i % 3],
                    now.minus(Duration.ofHours(23)).plusSeconds(60L * i));
        }
        for (int i = 0; i < 7; i++) {
            record("old-" + i, i % 2 == 0 ? WEB : BACKEND, TaskStatus.values()[i % 3],
                    now.minus(Duration.ofHours(25 + i)));
        }
        open("?range=24h", viewerToken());

        awaitRows("recent-21", "recent-20", "recent-19", "recent-18", "recent-17");
        awaitMetrics(Map.of("in_progress", "4", "success", "4", "error", "4", "successRate", "50%"));
        assertThat(text("[data-metric=scope]")).isEqualTo("All tasks matching the filters");
        assertThat(text("#summary")).isEqualTo("Showing 5 of 5 loaded tasks; more can be loaded.");
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) script("return performance.getEntriesByType('resource')"
                + ".map(entry => entry.name).filter(url => url.includes('/dashboard/tasks?'));");
        assertThat(requests).isNotEmpty().allSatisfy(url -> {
            String from = URLDecoder.decode(url.replaceFirst(".*[?&]from=([^&]*).*", "$1"), StandardCharsets.UTF_8);
            assertThat(Timestamps.parse(from)).isBetween(now.minus(Duration.ofHours(24)),
                    Instant.now().minus(Duration.ofHours(24)));
        });

        click("#load-more");
        awaitRows("recent-21", "recent-20", "recent-19", "recent-18", "recent-17", "recent-16", "recent-15",
                "recent-14", "recent-13", "recent-12");
        click("#load-more");
        await().untilAsserted(() -> assertThat(text("#summary"))
                .isEqualTo("Showing 12 of 12 loaded tasks; all matching tasks are loaded."));
        assertThat(visibleRowIds()).hasSize(12).endsWith("recent-11", "recent-10");
        assertThat(element("#load-more").isDisplayed()).isFalse();

        click("input[name=status][value=in_progress]");
        awaitRows("recent-21", "recent-20", "recent-18", "recent-17", "recent-15");
        awaitMetrics(Map.of("in_progress", "—", "success", "4", "error", "4", "successRate", "50%"));
        new Select(element("#filter-project")).selectByValue(WEB);
        awaitRows("recent-20", "recent-18", "recent-14", "recent-12");
        awaitMetrics(Map.of("in_progress", "—", "success", "2", "error", "2", "successRate", "50%"));
        assertThat(text("#summary")).isEqualTo("Showing 4 of 4 loaded tasks; all matching tasks are loaded.");

        // Any time: the older tasks count again (old-2 errored, old-4 succeeded on WEB).
        new Select(element("#filter-range")).selectByValue("all");
        awaitMetrics(Map.of("in_progress", "—", "success", "3", "error", "3", "successRate", "50%"));
        assertThat(URI.create(browser.driver.getCurrentUrl()).getQuery())
                .isEqualTo("project=" + WEB + "&statuses=success,error");
    }

    @Test
    void searchFindsExecutionIdsAndTaskNames() {
        record("alpha-1", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(3));
        record("beta-2", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(2));
        open("?q=task%20beta", viewerToken());
        awaitRows("beta-2");
        element("#filter-search").clear();
        element("#filter-search").sendKeys("ALPHA-1");
        awaitRows("alpha-1");
    }

    // --- detail panel, keyboard ---------------------------------------------------------------------------

    @Test
    void theDetailPanelShowsEveryFieldAndWorksByKeyboard() {
        StreamEntryId started = record("exec-err", BACKEND, TaskStatus.IN_PROGRESS, now.minusSeconds(90))
                .lastEventId();
        // The end is stored directly: a javascript: link cannot pass the publisher's validation, but the page must
        // not trust that.
        TaskItem item = new TaskItem("exec-err", "Nightly import", TaskStatus.ERROR, BACKEND, now.minusSeconds(30),
                "imports/nightly", new Actor("github", "octocat"),
                List.of("https://github.com/houlak/rukipay-backend/pull/7", "javascript:alert(1)"),
                new Visibility(List.of("google:alice@example.com", "google:bob@example.com")),
                new TaskError("Import failed: disk full", "IOException"), UUID.randomUUID().toString(),
                new StreamEntryId(started.millis(), started.sequence() + 1), now.minusSeconds(90), 60_000L);
        projection.store(item);
        open("", viewerToken());
        awaitRows("exec-err");

        WebElement button = row("exec-err").findElement(By.cssSelector("button.open-detail"));
        focusByKeyboard(button);
        button.sendKeys(Keys.ENTER);
        await().untilAsserted(() -> assertThat(element("#detail").isDisplayed()).isTrue());
        assertThat(browser.driver.switchTo().activeElement().getAttribute("id")).isEqualTo("detail-title");
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(text("#detail-title")).isEqualTo("Nightly import");
        assertThat(field("executionId")).isEqualTo("exec-err");
        assertThat(field("status")).isEqualTo("Error");
        assertThat(field("project")).isEqualTo(BACKEND);
        assertThat(field("flow")).isEqualTo("imports/nightly");
        assertThat(field("actor")).isEqualTo("github:octocat");
        assertThat(field("responsibleUsers")).isEqualTo("google:alice@example.com\ngoogle:bob@example.com");
        assertThat(field("error")).isEqualTo("IOException: Import failed: disk full");
        assertThat(field("durationMs")).isEqualTo("1 min 0 s");
        assertThat(field("eventId")).isEqualTo(item.eventId());
        assertThat(field("lastEventId")).isEqualTo(item.lastEventId().toString());
        assertThat(element("[data-field=startedAt] time").getAttribute("datetime"))
                .isEqualTo(Timestamps.format(now.minusSeconds(90)));
        List<WebElement> links = browser.driver.findElements(By.cssSelector("[data-field=prLinks] a"));
        assertThat(links).extracting(link -> link.getAttribute("href"))
                .containsExactly("https://github.com/houlak/rukipay-backend/pull/7");
        assertThat(field("prLinks")).contains("javascript:alert(1)");
        browser.screenshot("dashboard-detail");

        browser.driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        await().untilAsserted(() -> assertThat(element("#detail").isDisplayed()).isFalse());
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(button);
        assertThat(button.getAttribute("aria-expanded")).isEqualTo("false");
    }

    @Test
    void everyControlHasANameAndTextHasContrast() {
        record("exec-1", BACKEND, TaskStatus.IN_PROGRESS, now.minusSeconds(3));
        record("exec-2", BACKEND, TaskStatus.SUCCESS, now.minusSeconds(2));
        record("exec-3", BACKEND, TaskStatus.ERROR, now.minusSeconds(1));
        open("", viewerToken());
        awaitRows("exec-3", "exec-2", "exec-1");
        click("#task-rows button.open-detail");

        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) script("""
                return [...document.querySelectorAll('button, input, select, textarea, a[href]')]
                    .filter(control => control.getClientRects().length > 0)
                    .filter(control => !(control.labels?.length || control.getAttribute('aria-label')
                        || control.textContent.trim()))
                    .map(control => control.outerHTML);""");
        assertThat(unnamed).as("controls without an accessible name").isEmpty();

        @SuppressWarnings("unchecked")
        List<String> lowContrast = (List<String>) script("""
                const rgb = (color) => color.match(/[\\d.]+/g).slice(0, 4).map(Number);
                const luminance = ([r, g, b]) => [r, g, b].map(v => v / 255)
                    .map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)
                    .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
                const background = (element) => {
                  for (let node = element; node; node = node.parentElement) {
                    const color = rgb(getComputedStyle(node).backgroundColor);
                    if (color.length < 4 || color[3] > 0) return color;
                  }
                  return [255, 255, 255];
                };
                const ratio = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
                                          return (x + 0.05) / (y + 0.05); };
                return [...document.querySelectorAll('body *')]
                    .filter(el => el.getClientRects().length > 0 && [...el.childNodes]
                        .some(node => node.nodeType === 3 && node.textContent.trim()))
                    .filter(el => ratio(rgb(getComputedStyle(el).color), background(el)) < 4.5)
                    .map(el => el.outerHTML.slice(0, 120));""");
        assertThat(lowContrast).as("text below 4.5:1 contrast").isEmpty();
    }

    @Test
    void worksOnANarrowScreen() {
        record("exec-narrow", BACKEND, TaskStatus.SUCCESS, now);
        browser.driver.manage().window().setSize(new Dimension(390, 844));
        open("", viewerToken());
        awaitRows("exec-narrow");
        assertThat(row("exec-narrow").findElement(By.cssSelector(".project")).isDisplayed()).isFalse();
        assertThat(row("exec-narrow").findElement(By.cssSelector(".status")).isDisplayed()).isTrue();
        assertThat((Boolean) script("return document.documentElement.scrollWidth <= document.documentElement.clientWidth;"))
                .as("no horizontal scrolling").isTrue();
        click("#task-rows button.open-detail");
        await().untilAsserted(() -> assertThat(element("#detail").isDisplayed()).isTrue());
        assertThat((long) element("#detail").getRect().getWidth())
                .isEqualTo(script("return document.documentElement.clientWidth;"));
        browser.screenshot("dashboard-narrow");
        click("#detail-close");
        await().untilAsserted(() -> assertThat(element("#detail").isDisplayed()).isFalse());
    }

    // --- sign-in -----------------------------------------------------------------------------------------

    @Test
    void signsInWithAPastedToken() {
        record("exec-1", BACKEND, TaskStatus.SUCCESS, now);
        signedOut();
        await().untilAsserted(() -> assertThat(element("#token-form").isDisplayed()).isTrue());
        assertThat(element("#dashboard").isDisplayed()).isFalse();

        element("#token-input").sendKeys(TokenMinter.generate().mint(Viewers.claims("sub-mallory", "mallory@example.com", true)));
        click("#token-form button[type=submit]");
        await().untilAsserted(() -> assertThat(text("#sign-in-message"))
                .isEqualTo("The dashboard did not accept this sign-in. Sign in again."));

        element("#token-input").sendKeys(viewerToken());
        click("#token-form button[type=submit]");
        awaitRows("exec-1");
        assertThat(browser.driver.getCurrentUrl()).doesNotContain("token");

        click("#sign-out");
        await().untilAsserted(() -> assertThat(element("#token-form").isDisplayed()).isTrue());
        assertThat(script("return sessionStorage.length")).isEqualTo(0L);
        assertThat(visibleRowIds()).isEmpty();
    }

    @Test
    void asksToSignInAgainWhenTheTokenExpires() {
        record("exec-1", BACKEND, TaskStatus.SUCCESS, now);
        Map<String, Object> claims = Viewers.claims("sub-short", "short@example.com", true);
        claims.put("exp", Instant.now().plusSeconds(4).getEpochSecond());
        open("", tokens.mint(claims));
        awaitRows("exec-1");
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(text("#sign-in-message")).isEqualTo("Your sign-in expired. Sign in again."));
        assertThat(element("#dashboard").isDisplayed()).isFalse();
        assertThat(visibleRowIds()).isEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------------------

    private TaskItem record(String executionId, String project, TaskStatus status, Instant occurredAt) {
        return projection.record(Projection.event(executionId, project, status, occurredAt));
    }

    private String viewerToken() {
        return Viewers.verifiedEmail(tokens, "viewer@example.com");
    }

    /** Opens the page fresh (not a same-document fragment change) with the query and the token in the fragment. */
    private void open(String query, String token) {
        browser.driver.get("about:blank");
        browser.driver.get(page + query + "#token=" + token);
    }

    private void signedOut() {
        browser.driver.get(page.toString());
        script("sessionStorage.clear();");
        browser.driver.get("about:blank");
        browser.driver.get(page.toString());
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions();
    }

    private void awaitRows(String... executionIds) {
        await().untilAsserted(() -> assertThat(visibleRowIds()).containsExactly(executionIds));
    }

    private void awaitMetrics(Map<String, String> expected) {
        await().untilAsserted(() -> expected.forEach((metric, value) ->
                assertThat(text("[data-metric=" + metric + "]")).as(metric).isEqualTo(value)));
    }

    @SuppressWarnings("unchecked")
    private List<String> visibleRowIds() {
        return (List<String>) script("return [...document.querySelectorAll('#task-rows tr')]"
                + ".filter(row => !row.hidden && row.offsetParent !== null).map(row => row.dataset.executionId);");
    }

    private WebElement row(String executionId) {
        return element("#task-rows tr[data-execution-id='" + executionId + "']");
    }

    private String field(String name) {
        return text("[data-field=" + name + "]");
    }

    private void focusByKeyboard(WebElement target) {
        // Tab from the search box until the target has focus: it is reachable by keyboard.
        element("#filter-search").click();
        for (int i = 0; i < 50 && !browser.driver.switchTo().activeElement().equals(target); i++) {
            browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        }
        assertThat(browser.driver.switchTo().activeElement()).isEqualTo(target);
    }

    private WebElement element(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    private String text(String css) {
        return element(css).getText();
    }

    private void click(String css) {
        element(css).click();
    }

    private Object script(String source) {
        return browser.driver.executeScript(source);
    }
}
