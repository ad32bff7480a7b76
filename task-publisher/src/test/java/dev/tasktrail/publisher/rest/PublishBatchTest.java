package dev.tasktrail.publisher.rest;

import static dev.tasktrail.publisher.ApiClient.publish;
import static dev.tasktrail.publisher.ApiClient.publishBatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.Events;
import dev.tasktrail.publisher.StreamContents;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PublishBatchTest {

    @Inject
    RedisDataSource redis;

    @Test
    void answersEveryEventInOrderAndAppendsOnlyTheValidOnes() {
        ObjectNode invalid = Events.with(Events.minimal("run-b2"), e -> {
            e.put("eventId", "evt-b2");
            e.put("status", "done");
        });
        long length = StreamContents.length(redis);

        JsonPath answer = publishBatch(batch(
                Events.complete("evt-b1", "run-b1"),
                invalid,
                Events.minimal("run-b3"),
                Json.array(List.of("not an event"))))
                .statusCode(200)
                .body("accepted", equalTo(2))
                .body("duplicates", equalTo(0))
                .body("rejected", equalTo(2))
                .body("items.index", contains(0, 1, 2, 3))
                .body("items.status", contains(202, 400, 202, 400))
                .body("items[0].eventId", equalTo("evt-b1"))
                .body("items[1].eventId", equalTo("evt-b2"))
                .body("items[1].error", equalTo("invalid_event"))
                .body("items[1].violations.field", contains("status"))
                .body("items[1].streamId", nullValue())
                .body("items[2].executionId", equalTo("run-b3"))
                .body("items[3].violations.field", contains("$"))
                .extract().jsonPath();

        assertThat(StreamContents.length(redis)).isEqualTo(length + 2);
        String first = answer.getString("items[0].streamId");
        String third = answer.getString("items[2].streamId");
        assertThat(StreamContents.event(redis, first)).contains("\"run-b1\"");
        assertThat(StreamContents.event(redis, third)).contains("\"run-b3\"");
        assertThat(first.compareTo(third)).as("appended in the batch's order").isNegative();
    }

    @Test
    void recognisesEventsPublishedBeforeAndRepeatsWithinTheBatch() {
        String earlier = publish(Events.complete("evt-seen", "run-seen")).statusCode(202).extract().path("streamId");

        publishBatch(batch(
                Events.complete("evt-seen", "run-seen"),
                Events.complete("evt-twice", "run-twice"),
                Events.complete("evt-twice", "run-twice")))
                .statusCode(200)
                .body("accepted", equalTo(1))
                .body("duplicates", equalTo(2))
                .body("items.duplicate", contains(true, false, true))
                .body("items[0].streamId", equalTo(earlier))
                .body("items[2].streamId", equalTo(
                        publishBatch(batch(Events.complete("evt-twice", "run-twice"))).extract().path("items[0].streamId")));
    }

    @Test
    void writesTheWholeBatchInOneRoundTrip() {
        // The first publish into a fresh Redis meets NOSCRIPT and repeats the call with EVAL (two calls): warm the
        // script cache first, so the count below does not depend on which test of the class ran first.
        publish(Events.minimal("run-warm-up")).statusCode(202);
        long scriptCallsBefore = scriptCalls();
        ObjectNode[] events = IntStream.range(0, 500)
                .mapToObj(i -> Events.minimal("run-full-" + i))
                .toArray(ObjectNode[]::new);

        publishBatch(batch(events)).statusCode(200)
                .body("accepted", equalTo(500))
                .body("items", hasSize(500));

        assertThat(scriptCalls() - scriptCallsBefore).isEqualTo(1);
    }

    @Test
    void refusesMoreThanFiveHundredEvents() {
        ObjectNode[] events = IntStream.range(0, 501).mapToObj(i -> Events.minimal("run-over-" + i)).toArray(ObjectNode[]::new);
        long length = StreamContents.length(redis);

        publishBatch(batch(events)).statusCode(400)
                .body("error", equalTo("invalid_batch"))
                .body("message", equalTo("a batch holds at most 500 events, this one has 501"));
        assertThat(StreamContents.length(redis)).isEqualTo(length);
    }

    @Test
    void refusesABodyThatIsNotABatch() {
        publishBatch(Events.minimal("run-not-batch")).statusCode(400).body("error", equalTo("invalid_batch"));
        publishBatch("{\"events\": {}}").statusCode(400).body("error", equalTo("invalid_batch"));
        publishBatch("[]").statusCode(400).body("error", equalTo("invalid_batch"));
        publishBatch("{\"events\": [").statusCode(400).body("error", equalTo("malformed_json"));
    }

    @Test
    void anEmptyBatchIsAnsweredWithoutWriting() {
        publishBatch("{\"events\": []}").statusCode(200)
                .body("accepted", equalTo(0))
                .body("items", hasSize(0));
    }

    private static String batch(JsonNode... events) {
        ObjectNode batch = Json.object();
        ArrayNode items = batch.putArray("events");
        for (JsonNode event : events) {
            items.add(event);
        }
        return Json.write(batch);
    }

    /** Script calls Redis has run (EVALSHA, plus EVAL when it had to learn the script). */
    private long scriptCalls() {
        String stats = redis.execute("INFO", "commandstats").toString();
        long calls = 0;
        Matcher matcher = Pattern.compile("cmdstat_(?:evalsha|eval):calls=(\\d+)").matcher(stats);
        while (matcher.find()) {
            calls += Long.parseLong(matcher.group(1));
        }
        return calls;
    }
}
