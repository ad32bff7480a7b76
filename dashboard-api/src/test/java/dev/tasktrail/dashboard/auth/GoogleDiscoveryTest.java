package dev.tasktrail.dashboard.auth;

import static dev.tasktrail.dashboard.Responses.assertUnauthorized;
import static dev.tasktrail.dashboard.Viewers.AUDIENCE;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The production path (SPEC §5): no local key, so quarkus-oidc discovers the issuer and signing keys from the
 * configured server, as it does from {@code https://accounts.google.com}. Here the server is quarkus' WireMock
 * OIDC provider (issuer {@code https://server.example.com}, keys published at its JWKS endpoint).
 */
@QuarkusTest
@TestProfile(GoogleDiscoveryTest.DiscoveredProvider.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = OidcWiremockTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class GoogleDiscoveryTest {

    private static final String PROVIDER_ISSUER = "https://server.example.com";

    /** Points the production setting at the WireMock provider instead of Google. */
    public static class DiscoveredProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus");
        }
    }

    /** Signs with the provider's published key, the way Google signs ID tokens with its keys. */
    private static TokenMinter provider;

    @BeforeAll
    static void loadTheProvidersKey() throws Exception {
        try (InputStream jwk = OidcWiremockTestResource.class.getResourceAsStream("/privateKey.jwk")) {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(
                    new String(jwk.readAllBytes(), StandardCharsets.UTF_8));
            provider = TokenMinter.of(new KeyPair(key.getRsaPublicKey(), key.getRsaPrivateKey()), key.getKeyId());
        }
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

    /** The dashboard page shows Google's button for the first client id (docs/dashboard-api.md). */
    @Test
    void theDashboardPageSignsInWithGoogle() {
        given().get("/dashboard/ui/config.json").then().statusCode(200)
                .body("signIn", equalTo("google"))
                .body("googleClientId", equalTo(AUDIENCE))
                .body("heartbeatMs", equalTo(15000));
    }

    private static Map<String, Object> claims(String issuer, String audience) {
        return TokenMinter.googleIdTokenClaims(issuer, audience, "sub-1", "alice@example.com", true,
                Duration.ofMinutes(5));
    }
}
