package dev.tasktrail.testing.auth;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtSignatureBuilder;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs RS256 JSON Web Tokens with an RSA key of its own, so tests exercise the real token verification of a
 * service (quarkus-oidc with {@code QUARKUS_OIDC_PUBLIC_KEY}, SPEC §9) instead of mocking it.
 *
 * <p>Needs {@code io.smallrye:smallrye-jwt-build} on the test classpath (an optional dependency of test-support:
 * declare it in the module that mints tokens). smallrye-jwt-build adds {@code iat}, {@code exp} (5 minutes) and
 * {@code jti} to claims that lack them.
 */
public final class TokenMinter {

    private static final int KEY_SIZE = 2048;

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    private TokenMinter(PrivateKey privateKey, PublicKey publicKey, String keyId) {
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.publicKey = Objects.requireNonNull(publicKey, "publicKey");
        this.keyId = keyId;
    }

    /** A minter with a fresh 2048-bit RSA key pair; its tokens carry no key id. */
    public static TokenMinter generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_SIZE);
            return of(generator.generateKeyPair(), null);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }

    /**
     * A minter for an existing key pair, e.g. the one an OIDC test server publishes.
     *
     * @param keyId the {@code kid} header of every token, or {@code null} for none
     */
    public static TokenMinter of(KeyPair keys, String keyId) {
        return new TokenMinter(keys.getPrivate(), keys.getPublic(), keyId);
    }

    /** The public key as {@code QUARKUS_OIDC_PUBLIC_KEY} expects it: Base64 of the X.509 encoding, one line. */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    /** A signed token with exactly these claims (plus the defaults named in the class comment). */
    public String mint(Map<String, ?> claims) {
        JwtSignatureBuilder signature = Jwt.claims(new HashMap<>(claims)).jws().algorithm(SignatureAlgorithm.RS256);
        if (keyId != null) {
            signature.keyId(keyId);
        }
        return signature.sign(privateKey);
    }

    /**
     * The claims of a Google ID token for a viewer, valid for {@code lifetime} from now; a mutable map, so a test
     * can change or remove a claim before {@linkplain #mint minting}.
     *
     * @param email the viewer's email, or {@code null} for none
     */
    public static Map<String, Object> googleIdTokenClaims(String issuer, String audience, String subject,
            String email, boolean emailVerified, Duration lifetime) {
        Instant now = Instant.now();
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", issuer);
        claims.put("aud", List.of(audience));
        claims.put("sub", subject);
        if (email != null) {
            claims.put("email", email);
            claims.put("email_verified", emailVerified);
        }
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        return claims;
    }
}
