package dev.tasktrail.dashboard.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.dashboard.Projection;
import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.dashboard.auth.DiscoveredProvider;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The dashboard page in Google mode (no local key: tokens verified with discovered keys, as Google's). Google
 * cannot be reached from a test, so one test shows what happens without it, and one stands in for Google's script
 * with an object of the same API whose button hands the page an ID token signed by the discovered provider.
 */
@QuarkusTest
@TestProfile(DiscoveredProvider.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class GoogleSignInPageTest {

    private static final String GOOGLE_SCRIPT = "https://accounts.google.com/gsi/client";
    private static Browser browser;

    @TestHTTPResource("/dashboard/ui/")
    URL page;

    @Inject
    RedisDataSource redis;

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

    @Test
    void theConfigNamesTheFirstClientId() {
        given().get("/dashboard/ui/config.json").then().statusCode(200)
                .body("signIn", equalTo("google"))
                .body("googleClientId", equalTo(Viewers.AUDIENCE))
                .body("heartbeatMs", equalTo(15000));
    }

    @Test
    void loadsGoogleScriptAndSaysWhenItCannot() {
        openSignedOut();
        await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("sign-in-message")).getText())
                .isEqualTo("Google sign-in could not be loaded. Check your connection and reload."));
        assertThat(browser.driver.findElements(By.cssSelector("script[src^='https://']")))
                .extracting(script -> script.getAttribute("src")).containsExactly(GOOGLE_SCRIPT);
        assertThat(browser.driver.findElement(By.id("token-form")).isDisplayed()).isFalse();
    }

    @Test
    void signsInWithTheIdTokenGoogleHandsOver() {
        Projection projection = new Projection(redis);
        projection.clear();
        projection.record(Projection.event("exec-google", "houlak/rukipay-backend", TaskStatus.SUCCESS, Instant.now()));
        String idToken = DiscoveredProvider.minter().mint(TokenMinter.googleIdTokenClaims(DiscoveredProvider.ISSUER,
                Viewers.AUDIENCE, "sub-g", "gina@example.com", true, Duration.ofMinutes(5)));
        // Google Identity Services' API as the page uses it; defined before the page's scripts run.
        String fakeGoogle = """
                window.google = { accounts: { id: {
                  initialize(options) { window.gsiOptions = options; },
                  renderButton(container) {
                    const button = document.createElement('button');
                    button.type = 'button';
                    button.id = 'google-button';
                    button.textContent = 'Sign in with Google';
                    button.onclick = () => window.gsiOptions.callback({ credential: '%s' });
                    container.append(button);
                  },
                  disableAutoSelect() { window.autoSelectDisabled = true; },
                } } };""".formatted(idToken);
        Object script = browser.driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", fakeGoogle)).get("identifier");
        try {
            openSignedOut();
            await().untilAsserted(() -> browser.driver.findElement(By.id("google-button")).click());
            await().untilAsserted(() -> assertThat(browser.driver.findElements(By.cssSelector("#task-rows tr")))
                    .extracting(row -> row.getAttribute("data-execution-id")).containsExactly("exec-google"));
            assertThat(browser.driver.executeScript("return window.gsiOptions.client_id")).isEqualTo(Viewers.AUDIENCE);

            browser.driver.findElement(By.id("sign-out")).click();
            await().untilAsserted(() -> assertThat(browser.driver.findElement(By.id("google-button")).isDisplayed())
                    .isTrue());
            assertThat(browser.driver.executeScript("return window.autoSelectDisabled")).isEqualTo(true);
            assertThat(browser.driver.executeScript("return sessionStorage.length")).isEqualTo(0L);
        } finally {
            browser.driver.executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                    Map.of("identifier", script));
        }
    }

    private void openSignedOut() {
        browser.driver.get(page.toString());
        browser.driver.executeScript("sessionStorage.clear();");
        browser.driver.get("about:blank");
        browser.driver.get(page.toString());
    }

    private static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptions();
    }
}
