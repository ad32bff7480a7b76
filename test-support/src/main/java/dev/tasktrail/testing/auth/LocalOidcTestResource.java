package dev.tasktrail.testing.auth;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Puts a Quarkus service under test into local-key token verification (SPEC §9): a fresh key pair per test
 * class, its public key as {@code quarkus.oidc.public-key} ({@code QUARKUS_OIDC_PUBLIC_KEY}) and {@link #ISSUER}
 * as {@code quarkus.oidc.token.issuer} ({@code QUARKUS_OIDC_TOKEN_ISSUER}). Apply with
 * {@code @WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)};
 * a field {@code @InjectTokenMinter TokenMinter tokens} receives the minter that signs valid tokens.
 */
public class LocalOidcTestResource implements QuarkusTestResourceLifecycleManager {

    /** The issuer the service accepts: valid tokens carry it as {@code iss}. */
    public static final String ISSUER = "https://tasktrail.test";

    private TokenMinter minter;

    @Override
    public Map<String, String> start() {
        minter = TokenMinter.generate();
        return Map.of("quarkus.oidc.public-key", minter.publicKeyBase64(), "quarkus.oidc.token.issuer", ISSUER);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(minter,
                new TestInjector.AnnotatedAndMatchesType(InjectTokenMinter.class, TokenMinter.class));
    }

    @Override
    public void stop() {
        minter = null;
    }
}
