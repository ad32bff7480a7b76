package dev.tasktrail.dashboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified Google ID token into a {@link Viewer} (SPEC §5): {@code google:{email}} when
 * {@code email_verified} is true, else {@code google-sub:{sub}}. A token yielding neither fails authentication,
 * which answers 401 like any other bad token.
 */
@ApplicationScoped
public class ViewerIdentityAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(() -> QuarkusSecurityIdentity.builder(identity)
                .addAttribute(Viewer.ATTRIBUTE, viewerOf(token))
                .build());
    }

    static Viewer viewerOf(JsonWebToken token) {
        Instant expiresAt = Instant.ofEpochSecond(token.getExpirationTime());
        Optional<String> email = text(token.getClaim("email")).filter(value -> !value.isBlank());
        if (email.isPresent() && isTrue(token.getClaim("email_verified"))) {
            return new Viewer("google:" + email.get(), expiresAt);
        }
        return text(token.getClaim("sub"))
                .filter(sub -> !sub.isBlank())
                .map(sub -> new Viewer("google-sub:" + sub, expiresAt))
                .orElseThrow(() -> new AuthenticationFailedException("token has neither a verified email nor a subject"));
    }

    /** Claims arrive as plain Java values or as JSON-P values depending on how the token was parsed. */
    private static Optional<String> text(Object claim) {
        if (claim instanceof JsonString json) {
            return Optional.of(json.getString());
        }
        return claim instanceof String value ? Optional.of(value) : Optional.empty();
    }

    /** Google sends a JSON boolean; some issuers send the string {@code "true"}. */
    private static boolean isTrue(Object claim) {
        return Boolean.TRUE.equals(claim) || JsonValue.TRUE.equals(claim)
                || text(claim).map("true"::equalsIgnoreCase).orElse(false);
    }
}
