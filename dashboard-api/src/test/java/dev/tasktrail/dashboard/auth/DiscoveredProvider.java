package dev.tasktrail.dashboard.auth;

import dev.tasktrail.testing.auth.TokenMinter;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

/**
 * The production setting pointed at quarkus' WireMock OIDC provider ({@link OidcWiremockTestResource}) instead of
 * Google: issuer and keys are discovered, as from {@code https://accounts.google.com}.
 */
public class DiscoveredProvider implements QuarkusTestProfile {

    public static final String ISSUER = "https://server.example.com";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus");
    }

    /** Signs with the provider's published key, the way Google signs ID tokens with its keys. */
    public static TokenMinter minter() {
        try (InputStream jwk = OidcWiremockTestResource.class.getResourceAsStream("/privateKey.jwk")) {
            RsaJsonWebKey key = (RsaJsonWebKey) JsonWebKey.Factory.newJwk(
                    new String(jwk.readAllBytes(), StandardCharsets.UTF_8));
            return TokenMinter.of(new KeyPair(key.getRsaPublicKey(), key.getRsaPrivateKey()), key.getKeyId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JoseException e) {
            throw new IllegalStateException("the WireMock provider's key does not parse", e);
        }
    }
}
