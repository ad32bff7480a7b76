package dev.tasktrail.dashboard.projects;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.tasktrail.dashboard.Viewers;
import dev.tasktrail.model.Json;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.auth.InjectTokenMinter;
import dev.tasktrail.testing.auth.LocalOidcTestResource;
import dev.tasktrail.testing.auth.TokenMinter;
import dev.tasktrail.testing.projects.InjectProjectsConfigFile;
import dev.tasktrail.testing.s3.InjectS3Proxy;
import dev.tasktrail.testing.s3.S3ProxyServer;
import dev.tasktrail.testing.s3.S3ProxyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The projects config in S3 first, the file as fallback (SPEC §8). */
@QuarkusTest
@TestProfile(ProjectsS3Test.FromS3.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LocalOidcTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3ProxyTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = S3ProxyTestResource.BUCKETS, value = ProjectsS3Test.BUCKET))
class ProjectsS3Test {

    static final String BUCKET = "tasktrail-config";
    static final String KEY = "projects.json";

    public static class FromS3 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.projects.config.s3.bucket", BUCKET, "task.projects.config.s3.key", KEY);
        }
    }

    @InjectTokenMinter
    TokenMinter tokens;

    @InjectS3Proxy
    S3ProxyServer s3;

    @InjectProjectsConfigFile
    Path file;

    @Test
    void servesTheS3ObjectAndFallsBackToTheFile() {
        // Started without the object: the file serves, and the failing source is reported.
        assertThat(projectSlugs()).containsExactly("rukipay", "reports");
        given().get("/q/health/well").then().statusCode(503)
                .body("checks[0].data.source", equalTo("file " + file))
                .body("checks[0].data.problem", startsWith("s3://" + BUCKET + "/" + KEY + ": "));

        s3.putObject(BUCKET, KEY, """
                { "projects": [ { "project": "payments", "displayName": "Payments",
                    "applications": [ { "app": "payments-api", "repo": "globex/payments" } ] } ] }
                """);
        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(projectSlugs()).containsExactly("payments"));
        given().get("/q/health/well").then().statusCode(200)
                .body("checks[0].status", equalTo("UP"))
                .body("checks[0].data.source", equalTo("s3://" + BUCKET + "/" + KEY));
    }

    private List<String> projectSlugs() {
        String body = given().auth().oauth2(Viewers.verifiedEmail(tokens, "alice@example.com"))
                .get("/dashboard/projects").then().statusCode(200).extract().asString();
        return Json.parse(body).get("items").findValuesAsText("project");
    }
}
