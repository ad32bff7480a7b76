package dev.tasktrail.publisher.rest;

import static dev.tasktrail.publisher.ApiClient.publish;
import static dev.tasktrail.publisher.ApiClient.publishBatch;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.common.http.TestHTTPResource;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PublishEventTest {

    @Inject
    RedisDataSource redis;

    @TestHTTPResource("/v1/events")
    URI events;

    @Test
    void fillsTheOmittedFieldsAndAppendsTheCanonicalEvent() {
        Instant before = Instant.now().minusMillis(1);
        String streamId = publish(Events.with(Events.minimal("run-fill"), e -> e.put("unknownField", "ignored")))
                .statusCode(202)
                .body("eventId", matchesPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"))
                .body("executionId", equalTo("run-fill"))
                .body("duplicate", equalTo(false))
                .extract().path("streamId");

        JsonNode stored = Json.parse(StreamContents.event(redis, streamId));
        assertThat(stored.get("schemaVersion").intValue()).isEqualTo(1);
        assertThat(Instant.parse(stored.get("occurredAt").textValue())).isBetween(before, Instant.now());
        assertThat(stored.has("unknownField")).as("unknown fields are dropped").isFalse();
        assertThat(TaskEventCodec.encode(TaskEventCodec.decode(stored).orElseThrow()))
                .as("the entry is canonical JSON").isEqualTo(Json.write(stored));
    }

    @Test
    void keepsTheFieldsTheProducerSent() {
        ObjectNode event = Events.complete("evt-keep", "run-keep");
        String streamId = publish(event).statusCode(202)
                .body("eventId", equalTo("evt-keep"))
                .extract().path("streamId");

        assertThat(StreamContents.event(redis, streamId)).isEqualTo(Json.write(
                TaskEventCodec.toJson(TaskEventCodec.decode(event).orElseThrow())));
    }

    @Test
    void reportsEveryViolation() {
        ObjectNode event = Events.with(Events.minimal("run-bad"), e -> {
            e.put("status", "done");
            e.put("project", "no-slash");
            e.remove("taskName");
        });
        long length = StreamContents.length(redis);

        publish(event).statusCode(400)
                .body("error", equalTo("invalid_event"))
                .body("violations.field", org.hamcrest.Matchers.contains("taskName", "status", "project"))
                .body("violations[1].message", equalTo("must be one of in_progress, success, error"));
        assertThat(StreamContents.length(redis)).isEqualTo(length);
    }

    @Test
    void saysWhenTheBodyIsNotJson() {
        publish("{\"executionId\": ").statusCode(400)
                .body("error", equalTo("malformed_json"))
                .body("message", startsWith("malformed JSON: "));
        publish("").statusCode(400).body("error", equalTo("malformed_json"));
        publish("[1, 2]").statusCode(400)
                .body("error", equalTo("invalid_event"))
                .body("violations[0].field", equalTo("$"));
    }

    @Test
    void refusesBodiesOverOneMebibyte() {
        ObjectNode event = Events.with(Events.minimal("run-big"), e -> e.put("padding", "x".repeat(1024 * 1024)));

        publish(event).statusCode(413)
                .contentType("application/json")
                .body("error", equalTo("payload_too_large"))
                .body("message", equalTo("the body must be at most 1048576 bytes (1 MiB)"));
        assertThat(StreamContents.entries(redis)).noneMatch(entry -> entry.payload().get("event").contains("run-big"));
    }

    @Test
    void refusesChunkedBodiesOverOneMebibyte() throws Exception {
        byte[] body = Json.write(Events.with(Events.minimal("run-big-chunked"), e -> e.put("padding", "x".repeat(1024 * 1024))))
                .getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer test-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(Json.parse(response.body()).get("error").textValue()).isEqualTo("payload_too_large");
    }

    @Test
    void fiftyConcurrentPostsOfOneEventAppendOnce() {
        String body = Json.write(Events.complete("evt-concurrent", "run-concurrent"));
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(events)
                .header("Authorization", "Bearer test-key")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        List<HttpResponse<String>> responses = IntStream.range(0, 50)
                .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .toList().stream()
                .map(CompletableFuture::join)
                .toList();

        assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(202);
        List<JsonNode> answers = responses.stream().map(response -> Json.parse(response.body())).toList();
        assertThat(answers).extracting(answer -> answer.get("streamId").textValue()).containsOnly(
                answers.get(0).get("streamId").textValue());
        assertThat(answers).filteredOn(answer -> !answer.get("duplicate").booleanValue()).hasSize(1);
        assertThat(StreamContents.entries(redis))
                .filteredOn(entry -> entry.payload().get("event").contains("\"evt-concurrent\""))
                .hasSize(1);
    }

    @Test
    void acceptsABodyJustUnderTheLimit() {
        ObjectNode event = Events.minimal("run-almost-big");
        int room = 1024 * 1024 - Json.write(event).length() - "\"padding\":\"\",".length();
        ObjectNode padded = Events.with(event, e -> e.put("padding", "x".repeat(room)));
        assertThat(Json.write(padded)).hasSize(1024 * 1024);

        publish(Json.write(padded)).statusCode(202);
    }

    @Test
    void refusesOtherMediaTypes() {
        given().header("Authorization", "Bearer test-key").contentType("text/plain").body("{}")
                .post("/v1/events").then()
                .statusCode(415)
                .body("error", equalTo("unsupported_media_type"));
    }

    @Test
    void remembersThePublishedEventIdForAtLeastADay() {
        publish(Events.complete("evt-ttl", "run-ttl")).statusCode(202);

        long ttlMillis = redis.key().pttl(RedisKeys.publishedEvent("evt-ttl"));
        assertThat(Duration.ofMillis(ttlMillis)).isBetween(Duration.ofHours(24).minusMinutes(1), Duration.ofHours(24));
    }

    @Test
    void aRetryAnswersTheFirstStreamIdAndAppendsNothing() {
        ObjectNode event = Events.complete("evt-retry", "run-retry");
        String first = publish(event).statusCode(202).body("duplicate", equalTo(false)).extract().path("streamId");
        long length = StreamContents.length(redis);

        publish(event).statusCode(202)
                .body("streamId", equalTo(first))
                .body("duplicate", equalTo(true));
        assertThat(StreamContents.length(redis)).isEqualTo(length);
    }

    @Test
    void aRetryWithADifferentBodyKeepsTheFirstEvent() {
        ObjectNode event = Events.complete("evt-changed", "run-changed");
        String first = publish(event).statusCode(202).extract().path("streamId");

        publish(Events.with(event, e -> e.put("status", "success"))).statusCode(202)
                .body("streamId", equalTo(first))
                .body("duplicate", equalTo(true));
        assertThat(Json.parse(StreamContents.event(redis, first)).get("status").textValue()).isEqualTo("in_progress");
    }

    @Test
    void worksAfterRedisForgotTheScript() {
        redis.execute("SCRIPT", "FLUSH");

        publish(Events.minimal("run-noscript")).statusCode(202);
        publish(Events.minimal("run-noscript-2")).statusCode(202);
    }

    @Test
    void countsWhatHappens() {
        Map<String, Double> before = metrics();

        publish(Events.complete("evt-metrics", "run-metrics")).statusCode(202);
        publish(Events.complete("evt-metrics", "run-metrics")).statusCode(202).body("duplicate", equalTo(true));
        publishBatch("{\"events\": [" + Json.write(Events.minimal("run-metrics-a")) + ", "
                + Json.write(Events.minimal("run-metrics-b")) + ", {\"status\": \"done\"}]}")
                .statusCode(200).body("accepted", equalTo(2));
        publish(Events.with(Events.minimal("run-metrics-invalid"), e -> e.put("status", "done"))).statusCode(400);
        publish("nope").statusCode(400);
        given().contentType("application/json").body("{}").post("/v1/events").then().statusCode(401);

        Map<String, Double> after = metrics();
        assertThat(increase(before, after, "tasktrail_publisher_events_accepted_total")).isEqualTo(3);
        assertThat(increase(before, after, "tasktrail_publisher_events_duplicates_total")).isEqualTo(1);
        assertThat(increase(before, after, "tasktrail_publisher_rejected_total{reason=\"invalid_event\"}"))
                .as("events: one in the batch, one alone").isEqualTo(2);
        assertThat(increase(before, after, "tasktrail_publisher_rejected_total{reason=\"malformed_json\"}")).isEqualTo(1);
        assertThat(increase(before, after, "tasktrail_publisher_rejected_total{reason=\"unauthorized\"}")).isEqualTo(1);
        assertThat(increase(before, after, "tasktrail_publisher_redis_latency_seconds_count{outcome=\"success\"}"))
                .as("one script call per request with valid events").isEqualTo(3);
        assertThat(increase(before, after, "tasktrail_publisher_redis_latency_seconds_count{outcome=\"failure\"}")).isZero();
    }

    /** Every sample of {@code /q/metrics}, by name and labels as printed, e.g. {@code x_total{reason="a"}}. */
    private static Map<String, Double> metrics() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return text.lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .collect(Collectors.toMap(line -> line.substring(0, line.lastIndexOf(' ')),
                        line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))));
    }

    private static double increase(Map<String, Double> before, Map<String, Double> after, String sample) {
        assertThat(after).as("/q/metrics").containsKey(sample);
        return after.get(sample) - before.getOrDefault(sample, 0.0);
    }
}
