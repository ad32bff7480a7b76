package dev.tasktrail.dashboard.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SPEC §9 on the shipped {@code application.properties}: Google unless the local key is configured. */
class LocalOidcKeyInterceptorTest {

    @Test
    void withoutALocalKeyTokensAreVerifiedAgainstGoogle() throws IOException {
        SmallRyeConfig config = configWith(Map.of());
        assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                .contains("https://accounts.google.com");
    }

    @Test
    void theLocalKeyVariablesSwitchDiscoveryOff() throws IOException {
        SmallRyeConfig config = configWith(Map.of("QUARKUS_OIDC_PUBLIC_KEY", "MIIBIjANBgkq",
                "QUARKUS_OIDC_TOKEN_ISSUER", "https://tasktrail.local"));
        assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)).isEmpty();
        assertThat(config.getOptionalValue("quarkus.oidc.public-key", String.class)).contains("MIIBIjANBgkq");
        assertThat(config.getOptionalValue("quarkus.oidc.token.issuer", String.class))
                .contains("https://tasktrail.local");
    }

    @Test
    void aBlankLocalKeyKeepsGoogle() throws IOException {
        SmallRyeConfig config = configWith(Map.of("QUARKUS_OIDC_PUBLIC_KEY", " "));
        assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class))
                .contains("https://accounts.google.com");
    }

    @Test
    void profileSpecificServerUrlsAreHiddenToo() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile("prod")
                .withSources(new PropertiesConfigSource(Map.of(
                        "%prod.quarkus.oidc.auth-server-url", "https://accounts.google.com",
                        "quarkus.oidc.public-key", "MIIBIjANBgkq"), "test", 100))
                .withInterceptors(new LocalOidcKeyInterceptor())
                .build();
        assertThat(config.getOptionalValue("quarkus.oidc.auth-server-url", String.class)).isEmpty();
    }

    private static SmallRyeConfig configWith(Map<String, String> environment) throws IOException {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(
                        LocalOidcKeyInterceptorTest.class.getResource("/application.properties"), 250))
                .withSources(new EnvConfigSource(environment, 300))
                .withInterceptors(new LocalOidcKeyInterceptor())
                .build();
    }
}
