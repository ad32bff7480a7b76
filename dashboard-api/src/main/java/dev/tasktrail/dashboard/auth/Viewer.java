package dev.tasktrail.dashboard.auth;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import java.time.Instant;
import java.util.Objects;

/**
 * The authenticated person looking at the dashboard.
 *
 * @param identity {@code google:{email}} when Google verified the email, else {@code google-sub:{sub}} (SPEC §5);
 *     compared with a task's creator and responsible users
 * @param tokenExpiresAt when the token that authenticated the viewer expires (a stream ends then)
 */
public record Viewer(String identity, Instant tokenExpiresAt) {

    /** The {@link SecurityIdentity} attribute under which {@link ViewerIdentityAugmentor} stores the viewer. */
    public static final String ATTRIBUTE = Viewer.class.getName();

    public Viewer {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tokenExpiresAt, "tokenExpiresAt");
    }

    /**
     * The viewer of an authenticated request.
     *
     * @throws AuthenticationFailedException for an anonymous identity (a route that forgot to require one)
     */
    public static Viewer of(SecurityIdentity identity) {
        Viewer viewer = identity.getAttribute(ATTRIBUTE);
        if (viewer == null) {
            throw new AuthenticationFailedException("no dashboard viewer");
        }
        return viewer;
    }
}
