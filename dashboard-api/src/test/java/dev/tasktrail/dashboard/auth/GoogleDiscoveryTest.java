package dev.tasktrail.dashboard.auth;

import static dev.tasktrail.dashboard.Responses.assertUnauthorized;
import static dev.tasktrail.dashboard.Viewers.AUDIENCE;
import static io.restassured.RestAssured.given;

import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production path (SPEC §5): no local key, so quarkus-oidc discovers the issuer and signing keys from the
 * configured server, as it does from {@code https://accounts.google.com}. Here the server is quarkus' WireMock
 * OIDC provider (issuer {@code https://server.example.com}, keys published at its JWKS endpoint).
 */
@QuarkusTest
@TestProfile(DiscoveredProvider.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class GoogleDiscoveryTest {

    private static final String PROVIDER_ISSUER = DiscoveredProvider.ISSUER;

    private static TokenMinter provider;

    @BeforeAll
    static void loadTheProvidersKey() {
        provider = DiscoveredProvider.minter();
    }

    @Test
    void acceptsATokenSignedWithADiscoveredKey() {
        given().auth().oauth2(provider.mint(claims(PROVIDER_ISSUER, AUDIENCE)))
                .get("/dashboard/tasks").then().statusCode(200);
    }

    @Test
    void acceptsItAsQueryParameterToo() {
        given().queryParam("authToken", provider.mint(claims(PROVIDER_ISSUER, AUDIENCE)))
                .get("/dashboard/tasks").then().statusCode(200);
    }

    @Test
    void rejectsAnotherAudience() {
        assertUnauthorized(given().auth().oauth2(provider.mint(claims(PROVIDER_ISSUER, "another-client")))
                .get("/dashboard/tasks").then());
    }

    @Test
    void rejectsAnIssuerOtherThanTheDiscoveredOne() {
        assertUnauthorized(given().auth().oauth2(provider.mint(claims("https://accounts.google.com", AUDIENCE)))
                .get("/dashboard/tasks").then());
    }

    @Test
    void rejectsAKeyTheProviderDoesNotPublish() {
        assertUnauthorized(given().auth().oauth2(TokenMinter.generate().mint(claims(PROVIDER_ISSUER, AUDIENCE)))
                .get("/dashboard/tasks").then());
    }

    private static Map<String, Object> claims(String issuer, String audience) {
        return TokenMinter.googleIdTokenClaims(issuer, audience, "sub-1", "alice@example.com", true,
                Duration.ofMinutes(5));
    }
}
