package dev.tasktrail.archiver;

import static dev.tasktrail.archiver.ArchivingProfile.BUCKET;
import static dev.tasktrail.archiver.ArchivingProfile.GROUP;
import static dev.tasktrail.archiver.ArchivingProfile.PREFIX;
import static dev.tasktrail.archiver.ArchivingProfile.STREAM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.s3.InjectS3Proxy;
import dev.tasktrail.testing.s3.S3ProxyServer;
import dev.tasktrail.testing.s3.S3ProxyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * S3 down: nothing is acknowledged, memory stays bounded because reading stops once the buffer is full, readiness
 * goes down; S3 back: everything is archived exactly once and readiness comes back.
 */
@QuarkusTest
@TestProfile(S3OutageTest.Profile.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3ProxyTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = S3ProxyTestResource.BUCKETS, value = BUCKET))
class S3OutageTest {

    static final int BUFFER_BYTES = 8192;
    static final int READ_BATCH = 10;
    static final int EVENTS = 120;

    public static class Profile extends ArchivingProfile {
        @Override
        protected Map<String, String> settings() {
            return Map.of(
                    "task.archiver.batch.max-events", "5",
                    "task.archiver.batch.max-age", "PT0.5S",
                    "task.archiver.buffer.max-bytes", Integer.toString(BUFFER_BYTES),
                    "task.archiver.consumer.batch-size", Integer.toString(READ_BATCH));
        }
    }

    @InjectS3Proxy
    S3ProxyServer s3;

    @Inject
    Redis redisClient;

    @Test
    void holdsABoundedBufferWhileS3IsDownAndArchivesEverythingOnceItIsBack() {
        RedisCommands redis = new RedisCommands(redisClient);
        List<String> published = new ArrayList<>();
        s3.stop();
        try {
            for (int i = 0; i < EVENTS; i++) {
                String line = TestEvents.event("outage/rocket", "2026-03-15T10:00:00.000Z");
                redis.publish(STREAM, line);
                published.add(line);
            }
            int lineBytes = published.get(0).getBytes(StandardCharsets.UTF_8).length + 1;
            // The buffer may pass its capacity by the one read batch that crossed it.
            long mostHeld = BUFFER_BYTES / lineBytes + 1 + READ_BATCH;
            assertThat(mostHeld).isLessThan(EVENTS / 2);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'S3 archive' }.status", equalTo("DOWN")));
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> pending(redis) > 0);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                Map<String, String> group = redis.groups(STREAM).get(GROUP);
                long read = Long.parseLong(group.get("entries-read"));
                assertThat(pending(redis)).as("nothing acknowledged").isEqualTo(read);
                assertThat(read).as("reading paused with a full buffer").isLessThanOrEqualTo(mostHeld);
                assertThat(Long.parseLong(group.get("lag"))).isGreaterThanOrEqualTo(EVENTS - mostHeld);
            });
        } finally {
            s3.restart();
        }

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Map<String, String> group = redis.groups(STREAM).get(GROUP);
            return "0".equals(group.get("pending")) && "0".equals(group.get("lag"));
        });
        assertThat(ArchiveContents.lines(s3, BUCKET, PREFIX + "/outage/rocket/"))
                .as("every event once, none twice").containsExactlyInAnyOrderElementsOf(published);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200)
                .body("checks.name", hasItem("S3 archive")));
    }

    private static long pending(RedisCommands redis) {
        return redis.pending(STREAM, GROUP);
    }
}
