package dev.tasktrail.dashboard.auth;

import static dev.tasktrail.dashboard.Responses.assertUnauthorized;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** SPEC §5 authentication in local-key mode (SPEC §9): which tokens pass, from where, and how failures look. */
@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class AuthenticationTest {

    private static final String TASKS = "/dashboard/tasks";
    private static final String STREAM = "/dashboard/tasks/stream";
    private static final Path LOG = Path.of("target", "test-logs", "dashboard-api.log");

    @InjectTokenMinter
    TokenMinter tokens;

    @Test
    void theLocalKeyTurnsGoogleDiscoveryOff() {
        assertThat(ConfigProvider.getConfig().getOptionalValue("quarkus.oidc.auth-server-url", String.class)).isEmpty();
    }

    @Test
    void acceptsAValidTokenInTheAuthorizationHeader() {
        given().auth().oauth2(validToken()).get(TASKS).then().statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void acceptsAValidTokenAsTheAuthTokenQueryParameter() {
        given().queryParam("authToken", validToken()).get(TASKS).then().statusCode(200);
    }

    @Test
    void theHeaderWinsOverTheQueryParameter() {
        given().auth().oauth2(validToken()).queryParam("authToken", "garbage").get(TASKS).then().statusCode(200);
        assertUnauthorized(given().auth().oauth2("garbage").queryParam("authToken", validToken()).get(TASKS).then());
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("missing", (Function<TokenMinter, String>) minter -> null),
                Arguments.of("malformed", (Function<TokenMinter, String>) minter -> "not.a-jwt"),
                Arguments.of("signed by another key", (Function<TokenMinter, String>) minter ->
                        TokenMinter.generate().mint(claims("alice@example.com", true))),
                Arguments.of("wrong audience", (Function<TokenMinter, String>) minter ->
                        minter.mint(with(claims("alice@example.com", true), "aud", "someone-else"))),
                Arguments.of("wrong issuer", (Function<TokenMinter, String>) minter ->
                        minter.mint(with(claims("alice@example.com", true), "iss", "https://accounts.google.com"))),
                Arguments.of("expired", (Function<TokenMinter, String>) minter -> minter.mint(
                        TokenMinter.googleIdTokenClaims(LocalOidcTestResource.ISSUER, Viewers.AUDIENCE, "sub-1",
                                "alice@example.com", true, Duration.ofMinutes(-5)))),
                Arguments.of("no identity (no verified email, no subject)", (Function<TokenMinter, String>) minter ->
                        minter.mint(without(claims("alice@example.com", false), "sub"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectsInTheHeader(String reason, Function<TokenMinter, String> token) {
        String value = token.apply(tokens);
        assertUnauthorized((value == null ? given() : given().header("Authorization", "Bearer " + value))
                .get(TASKS).then());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void rejectsAsQueryParameter(String reason, Function<TokenMinter, String> token) {
        String value = token.apply(tokens);
        assertUnauthorized((value == null ? given() : given().queryParam("authToken", value)).get(TASKS).then());
    }

    @Test
    void withoutAProjectsConfigNoProjectsAreListed() {
        given().auth().oauth2(validToken()).get("/dashboard/projects").then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void everyDashboardRouteNeedsAViewer() {
        assertUnauthorized(given().get("/dashboard/no-such-route").then());
        assertUnauthorized(given().get("/dashboard").then());
        assertUnauthorized(given().get("/dashboard/projects").then());
    }

    @Test
    void unknownRoutesAnswer404Json() {
        given().auth().oauth2(validToken()).get("/dashboard/no-such-route").then()
                .statusCode(404).contentType("application/json").body("error", equalTo("not_found"));
        given().get("/no-such-route").then()
                .statusCode(404).contentType("application/json").body("error", equalTo("not_found"));
    }

    @Test
    void aQueryTokenNeverReachesTheLog() throws Exception {
        long logStart = Files.size(LOG);
        String token = validToken();
        given().queryParam("authToken", token).queryParam("limit", "3").get(TASKS).then().statusCode(200);
        given().queryParam("authToken", token).get("/dashboard/no-such-route").then().statusCode(404);
        // EventSource clients always send their token this way; the stream ends (and is logged) when it expires.
        String streamToken = tokens.mint(TokenMinter.googleIdTokenClaims(LocalOidcTestResource.ISSUER,
                Viewers.AUDIENCE, "sub-1", "alice@example.com", true, Duration.ofSeconds(3)));
        given().queryParam("authToken", streamToken).get(STREAM).then()
                .statusCode(200).contentType("text/event-stream");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(logSince(logStart))
                .contains("\"GET /dashboard/no-such-route HTTP/1.1\" 404")
                .contains("\"GET " + STREAM + " HTTP/1.1\" 200"));
        String log = logSince(logStart);
        assertThat(log).contains("\"GET /dashboard/tasks HTTP/1.1\" 200");
        for (String queryToken : List.of(token, streamToken)) {
            String signature = queryToken.substring(queryToken.lastIndexOf('.') + 1);
            assertThat(log).doesNotContain(queryToken).doesNotContain(signature);
        }
        assertThat(log).doesNotContain("authToken=");
    }

    private static String logSince(long offset) throws IOException {
        byte[] log = Files.readAllBytes(LOG);
        return new String(log, (int) offset, log.length - (int) offset, StandardCharsets.UTF_8);
    }

    private String validToken() {
        return tokens.mint(claims("alice@example.com", true));
    }

    private static Map<String, Object> claims(String email, boolean emailVerified) {
        return Viewers.claims("sub-1", email, emailVerified);
    }

    private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
        claims.put(name, value);
        return claims;
    }

    private static Map<String, Object> without(Map<String, Object> claims, String name) {
        claims.remove(name);
        return claims;
    }

}
