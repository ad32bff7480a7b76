package dev.tasktrail.testing.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

class TokenMinterTest {

    @Test
    void signsTokensThatItsPublicKeyVerifies() throws Exception {
        TokenMinter minter = TokenMinter.generate();
        String token = minter.mint(TokenMinter.googleIdTokenClaims("https://issuer.test", "client-1", "sub-1",
                "alice@example.com", true, Duration.ofMinutes(2)));

        JsonWebSignature jws = verified(token, decodePublicKey(minter.publicKeyBase64()));
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(jws.getAlgorithmHeaderValue()).isEqualTo("RS256");
        assertThat(jws.getKeyIdHeaderValue()).isNull();
        assertThat(claims.getIssuer()).isEqualTo("https://issuer.test");
        assertThat(claims.getAudience()).containsExactly("client-1");
        assertThat(claims.getSubject()).isEqualTo("sub-1");
        assertThat(claims.getClaimValue("email")).isEqualTo("alice@example.com");
        assertThat(claims.getClaimValue("email_verified")).isEqualTo(true);
        assertThat(claims.getExpirationTime().getValue())
                .isBetween(Instant.now().plusSeconds(60).getEpochSecond(), Instant.now().plusSeconds(121).getEpochSecond());
    }

    @Test
    void keepsClaimsAsGivenAndNamesTheKey() throws Exception {
        TokenMinter minter = TokenMinter.of(KeyPairGenerator.getInstance("RSA").generateKeyPair(), "key-7");
        long expired = Instant.now().minusSeconds(600).getEpochSecond();
        String token = minter.mint(Map.of("sub", "someone", "exp", expired, "aud", List.of("a", "b")));

        JsonWebSignature jws = verified(token, minter.publicKey());
        JwtClaims claims = JwtClaims.parse(jws.getPayload());
        assertThat(jws.getKeyIdHeaderValue()).isEqualTo("key-7");
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(expired);
        assertThat(claims.getAudience()).containsExactly("a", "b");
    }

    @Test
    void anotherKeyDoesNotVerifyTheToken() throws Exception {
        String token = TokenMinter.generate().mint(Map.of("sub", "someone"));
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(TokenMinter.generate().publicKey());
        assertThat(jws.verifySignature()).isFalse();
    }

    private static JsonWebSignature verified(String token, PublicKey key) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setCompactSerialization(token);
        jws.setKey(key);
        assertThat(jws.verifySignature()).as("signature").isTrue();
        return jws;
    }

    private static PublicKey decodePublicKey(String base64) throws Exception {
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
