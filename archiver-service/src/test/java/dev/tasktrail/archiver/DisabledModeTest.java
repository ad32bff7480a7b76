package dev.tasktrail.archiver;

import static dev.tasktrail.archiver.ArchivingProfile.GROUP;
import static dev.tasktrail.archiver.ArchivingProfile.STREAM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.tasktrail.archiver.archive.ArchiverService;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Archival off (the default): the service says so, is ready, creates no consumer group and reads nothing. No S3
 * server runs for this class: a disabled archiver must not need one.
 */
@QuarkusTest
@TestProfile(DisabledModeTest.Profile.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class DisabledModeTest {

    /** A file of this test run's own (the process id), so an older run's log cannot pass the test. */
    static final Path LOG = Path.of("target", "archiver-disabled-mode-" + ProcessHandle.current().pid() + ".log");

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.log.file.enabled", "true",
                    "quarkus.log.file.path", LOG.toString());
        }
    }

    @Inject
    Redis redisClient;

    @Inject
    ArchiverService service;

    @Test
    void saysArchivalIsOffAndIsReady() throws Exception {
        assertThat(Files.readString(LOG)).contains("S3 archival is off (TASK_TRACKING_S3_ARCHIVE_ENABLED=false)");
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'S3 archive' }.data.archival", equalTo("disabled"))
                .body("checks.find { it.name == 'Archiver consumer loop' }.data.archival", equalTo("disabled"));
    }

    @Test
    void joinsNoGroupAndReadsNothing() {
        RedisCommands redis = new RedisCommands(redisClient);
        redis.publish(STREAM, TestEvents.event("acme/rocket", "2026-03-15T10:00:00.000Z"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> redis.groups(STREAM).isEmpty());

        assertThat(service.archiver()).isEmpty();
        assertThat(redis.send("EXISTS", RedisKeys.archiveSeals(STREAM, GROUP)).toInteger()).isZero();
        assertThat(redis.send("XLEN", STREAM).toInteger()).isEqualTo(1);
    }
}
