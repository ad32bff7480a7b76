package dev.tasktrail.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every service answers on its management endpoints (SPEC §6). A service's test class extends this,
 * runs with {@link RedisTestResource} and injects the server into {@link #redis}.
 */
public abstract class ServiceHealthContract {

    @InjectRedisServer
    protected RedisServer redis;

    @Test
    void isAlive() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void isReadyWhenRedisAnswers() {
        given().get("/q/health/ready").then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Redis connection health check"));
    }

    @Test
    void exposesPrometheusMetrics() {
        given().get("/q/metrics").then()
                .statusCode(200)
                .body(containsString("# TYPE jvm_memory_used_bytes gauge"));
    }

    @Test
    void isNotReadyWhileRedisIsDownAndRecovers() {
        assumeTrue(redis.canRestart(), "an external Redis is not ours to stop");
        redis.stop();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN")));
        } finally {
            redis.restart();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
    }
}
