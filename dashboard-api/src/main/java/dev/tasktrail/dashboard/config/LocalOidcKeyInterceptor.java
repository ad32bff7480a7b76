package dev.tasktrail.dashboard.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;

/**
 * Switches token verification to a local key on the same jar (SPEC §9). {@code application.properties} points
 * quarkus-oidc at Google ({@code quarkus.oidc.auth-server-url}); when {@code QUARKUS_OIDC_PUBLIC_KEY} is set, this
 * interceptor hides that URL, so quarkus-oidc verifies with the public key and {@code QUARKUS_OIDC_TOKEN_ISSUER}
 * and never attempts Google discovery (quarkus-oidc refuses a public key together with a server URL).
 *
 * <p>Registered through {@code META-INF/services/io.smallrye.config.ConfigSourceInterceptor}, so it applies
 * wherever the setting comes from: environment, system property or a test's configuration.
 */
@Priority(Priorities.APPLICATION)
public class LocalOidcKeyInterceptor implements ConfigSourceInterceptor {

    static final String AUTH_SERVER_URL = "quarkus.oidc.auth-server-url";
    static final String PUBLIC_KEY = "quarkus.oidc.public-key";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        if (isAuthServerUrl(name) && hasValue(context.proceed(PUBLIC_KEY))) {
            return null;
        }
        return context.proceed(name);
    }

    /** The property itself or a profile-specific variant such as {@code %prod.quarkus.oidc.auth-server-url}. */
    private static boolean isAuthServerUrl(String name) {
        if (name.equals(AUTH_SERVER_URL)) {
            return true;
        }
        int profileEnd = name.indexOf('.');
        return name.startsWith("%") && profileEnd > 0 && name.substring(profileEnd + 1).equals(AUTH_SERVER_URL);
    }

    private static boolean hasValue(ConfigValue value) {
        return value != null && value.getValue() != null && !value.getValue().isBlank();
    }
}
