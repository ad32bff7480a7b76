package dev.tasktrail.publisher;

import dev.tasktrail.testing.RequiredSettingsContract;
import dev.tasktrail.testing.s3.S3ProxyServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The packaged jar refuses to start, naming the problem, when a setting is missing or unusable. */
class RequiredSettingsIT extends RequiredSettingsContract {

    /** Nothing listens there: the service must stop before it would need Redis. */
    static final String UNUSED_REDIS = "redis://127.0.0.1:1";

    @Override
    protected Map<String, String> otherRequiredVariables() {
        return Map.of("TASK_PUBLISHER_API_KEYS", "some-key");
    }

    @Test
    void refusesToStartWithoutApiKeys() throws Exception {
        assertExitsNamingTheVariable(Map.of("TASK_TRACKING_REDIS_URL", UNUSED_REDIS), "TASK_PUBLISHER_API_KEYS");
    }

    @Test
    void refusesToStartWithABadProjectsConfig() throws Exception {
        Path config = Files.createTempFile("projects-", ".json");
        try {
            Files.writeString(config, "{\"projects\": [{\"project\": \"rukipay\", \"applications\": [{\"app\": \"x\"}]}]}");
            assertExitsNamingTheVariable(environment("TASK_PROJECTS_CONFIG_FILE", config.toString()),
                    "projects[0].applications[0].repo: is required");
        } finally {
            Files.deleteIfExists(config);
        }
    }

    @Test
    void refusesToStartWithABadProjectsConfigInS3EvenNextToAGoodFile() throws Exception {
        Path file = Files.createTempFile("projects-", ".json");
        try (S3ProxyServer s3 = S3ProxyServer.start()) {
            Files.writeString(file, "{\"projects\": []}");
            s3.createBucket("config");
            s3.putObject("config", "projects.json", "{\"projects\": 1}");
            Map<String, String> environment = environment("TASK_PROJECTS_CONFIG_FILE", file.toString());
            environment.put("TASK_PROJECTS_CONFIG_S3_BUCKET", "config");
            environment.put("TASK_PROJECTS_CONFIG_S3_KEY", "projects.json");
            s3.quarkusConfig().forEach((property, value) ->
                    environment.put(property.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"), value));

            assertExitsNamingTheVariable(environment,
                    "s3://config/projects.json: invalid projects config: projects: must be an array");
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Test
    void refusesToStartWithAMissingProjectsConfigFile() throws Exception {
        assertExitsNamingTheVariable(environment("TASK_PROJECTS_CONFIG_FILE", "/nonexistent/projects.json"),
                "TASK_PROJECTS_CONFIG_FILE");
    }

    @Test
    void refusesToStartWithAnS3BucketButNoKey() throws Exception {
        assertExitsNamingTheVariable(environment("TASK_PROJECTS_CONFIG_S3_BUCKET", "config"),
                "TASK_PROJECTS_CONFIG_S3_KEY");
    }

    @Test
    void refusesToRememberEventIdsForLessThanADay() throws Exception {
        assertExitsNamingTheVariable(environment("TASK_PUBLISHER_IDEMPOTENCY_RETENTION", "1h"),
                "TASK_PUBLISHER_IDEMPOTENCY_RETENTION");
    }

    private static Map<String, String> environment(String name, String value) {
        Map<String, String> environment = new HashMap<>();
        environment.put("TASK_TRACKING_REDIS_URL", UNUSED_REDIS);
        environment.put("TASK_PUBLISHER_API_KEYS", "some-key");
        environment.put(name, value);
        return environment;
    }
}
