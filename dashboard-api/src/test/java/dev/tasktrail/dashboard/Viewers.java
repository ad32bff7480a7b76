package dev.tasktrail.dashboard;

import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import java.time.Duration;
import java.util.Map;

/** Tokens for test viewers, accepted by a dashboard running with {@link LocalOidcTestResource}. */
public final class Viewers {

    /** {@code %test} value of {@code TASK_DASHBOARD_GOOGLE_CLIENT_IDS}. */
    public static final String AUDIENCE = "tasktrail-test";

    private Viewers() {
    }

    /** A viewer whose identity is {@code google:{email}}. */
    public static String verifiedEmail(TokenMinter tokens, String email) {
        return tokens.mint(claims("sub-" + email, email, true));
    }

    /** A viewer whose email is not verified, so whose identity is {@code google-sub:{subject}}. */
    public static String unverifiedEmail(TokenMinter tokens, String subject, String email) {
        return tokens.mint(claims(subject, email, false));
    }

    public static Map<String, Object> claims(String subject, String email, boolean emailVerified) {
        return TokenMinter.googleIdTokenClaims(LocalOidcTestResource.ISSUER, AUDIENCE, subject, email, emailVerified,
                Duration.ofMinutes(10));
    }
}
