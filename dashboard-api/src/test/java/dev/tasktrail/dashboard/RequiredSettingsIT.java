package dev.tasktrail.dashboard;

import dev.tasktrail.testing.RequiredSettingsContract;
import dev.tasktrail.testing.auth.TokenMinter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSettingsIT extends RequiredSettingsContract {

    @Override
    protected Map<String, String> otherRequiredVariables() {
        return Map.of("TASK_DASHBOARD_GOOGLE_CLIENT_IDS", "tasktrail-test");
    }

    @Test
    void refusesToStartWithoutGoogleClientIds() throws Exception {
        assertExitsNamingTheVariable(Map.of("TASK_TRACKING_REDIS_URL", "redis://127.0.0.1:6379"),
                "TASK_DASHBOARD_GOOGLE_CLIENT_IDS");
    }

    @Test
    void refusesALocalKeyWithoutItsIssuer() throws Exception {
        assertExitsNamingTheVariable(Map.of("TASK_TRACKING_REDIS_URL", "redis://127.0.0.1:6379",
                "TASK_DASHBOARD_GOOGLE_CLIENT_IDS", "tasktrail-test",
                "QUARKUS_OIDC_PUBLIC_KEY", TokenMinter.generate().publicKeyBase64()), "QUARKUS_OIDC_TOKEN_ISSUER");
    }

    @Test
    void refusesAProjectsConfigItCannotLoad() throws Exception {
        Path broken = Files.createTempFile("projects-", ".json");
        try {
            Files.writeString(broken, "{ \"projects\": [ { \"displayName\": \"no slug\" } ] }");
            assertExitsNamingTheVariable(Map.of("TASK_TRACKING_REDIS_URL", "redis://127.0.0.1:6379",
                    "TASK_DASHBOARD_GOOGLE_CLIENT_IDS", "tasktrail-test",
                    "TASK_PROJECTS_CONFIG_FILE", broken.toString()), "TASK_PROJECTS_CONFIG_FILE");
        } finally {
            Files.deleteIfExists(broken);
        }
    }
}
