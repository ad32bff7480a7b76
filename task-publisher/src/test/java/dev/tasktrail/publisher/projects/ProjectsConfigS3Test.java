package dev.tasktrail.publisher.projects;

import static dev.tasktrail.publisher.ApiClient.publish;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.projects.InjectProjectsConfigFile;
import dev.tasktrail.testing.s3.InjectS3Proxy;
import dev.tasktrail.testing.s3.S3ProxyServer;
import dev.tasktrail.testing.s3.S3ProxyTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * S3 is the source; the file (Alice and Bob) stands in only while S3 cannot be read and nothing was loaded from S3
 * (SPEC §8: a bad config is reported and the last good one stays). One service across the ordered steps.
 */
@QuarkusTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(ProjectsConfigS3Test.FromS3.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3ProxyTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = S3ProxyTestResource.BUCKETS, value = ProjectsConfigS3Test.BUCKET))
class ProjectsConfigS3Test {

    static final String BUCKET = "tasktrail-config";
    static final String KEY = "projects.json";
    static final String S3_SOURCE = "s3://" + BUCKET + "/" + KEY;
    static final String ALICE = "google:alice@example.com";
    static final String BOB = "google:bob@example.com";

    public static class FromS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.projects.config.s3.bucket", BUCKET, "task.projects.config.s3.key", KEY);
        }
    }

    @InjectS3Proxy
    S3ProxyServer s3;

    @InjectProjectsConfigFile
    Path file;

    @Inject
    RedisDataSource redis;

    @Test
    @Order(1)
    void theFileServesUntilS3CanBeRead() {
        // Started without the S3 object: S3 cannot be read, so the file serves, and S3 is reported.
        given().get("/q/health/well").then().statusCode(503)
                .body("checks[0].data.source", equalTo("file " + file))
                .body("checks[0].data.problem", startsWith(S3_SOURCE + ": S3 answered 404 NoSuchKey"));
        assertThat(publishedUsers("run-file")).containsExactly(ALICE, BOB);

        s3.putObject(BUCKET, KEY, configFor("google:erin@example.com"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(publishedUsers("run-s3")).containsExactly("google:erin@example.com"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks[0].status", equalTo("UP"))
                .body("checks[0].data.source", equalTo(S3_SOURCE));
    }

    @Test
    @Order(2)
    void aBadUploadIsReportedAndTheLastGoodConfigStaysInsteadOfTheFile() {
        s3.putObject(BUCKET, KEY, "{\"projects\": [{\"displayName\": \"no slug\"}]}");
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                given().get("/q/health/well").then().statusCode(503)
                        .body("checks[0].data.source", equalTo(S3_SOURCE))
                        .body("checks[0].data.problem",
                                equalTo(S3_SOURCE + ": invalid projects config: projects[0].project: is required")));
        assertThat(publishedUsers("run-bad-upload")).containsExactly("google:erin@example.com");

        s3.putObject(BUCKET, KEY, configFor("google:frank@example.com"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(publishedUsers("run-fixed-upload")).containsExactly("google:frank@example.com"));
    }

    @Test
    @Order(3)
    void anUnreachableS3KeepsTheConfigReadFromIt() {
        s3.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/q/health/well").then().statusCode(503)
                            .body("checks[0].data.source", equalTo(S3_SOURCE))
                            .body("checks[0].data.problem", startsWith(S3_SOURCE + ": ")));
            assertThat(publishedUsers("run-s3-down")).containsExactly("google:frank@example.com");
        } finally {
            s3.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/well").then().statusCode(200).body("checks[0].status", equalTo("UP")));
    }

    /** The file's config with {@code user} instead of Alice and Bob. */
    private static String configFor(String user) {
        return ProjectsConfigFileResource.INITIAL
                .replace(ALICE, user)
                .replace("\"" + BOB + "\"", "");
    }

    private List<String> publishedUsers(String executionId) {
        String streamId = publish(Events.minimal(executionId)).statusCode(202).extract().path("streamId");
        return Json.strings(Json.parse(StreamContents.event(redis, streamId)).get("visibility").get("responsibleUsers"));
    }
}
