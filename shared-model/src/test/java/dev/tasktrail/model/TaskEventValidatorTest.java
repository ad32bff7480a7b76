package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskEventValidatorTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tasktrail.model.EventSamples#validCases")
    void acceptsValidEvents(String name, ObjectNode event) {
        assertThat(TaskEventValidator.validate(event)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tasktrail.model.EventSamples#invalidCases")
    void namesTheFieldOfEachViolation(String name, String field, ObjectNode event) {
        assertThat(TaskEventValidator.validate(event))
                .extracting(Violation::field)
                .containsExactly(field);
    }

    @Test
    void reportsEveryViolationAtOnce() {
        ObjectNode event = EventSamples.validWith(e -> {
            e.remove("executionId");
            e.put("status", "done");
            e.put("project", "no-slash");
            ((ObjectNode) e.get("actor")).put("provider", "email");
        });

        assertThat(TaskEventValidator.validate(event))
                .extracting(Violation::field)
                .containsExactly("executionId", "status", "project", "actor.provider");
    }

    @Test
    void rejectsDocumentsThatAreNotObjects() {
        assertThat(TaskEventValidator.validate(Json.parse("[1,2]")))
                .containsExactly(new Violation("$", "must be a JSON object"));
        assertThat(TaskEventValidator.validate(Json.parse("\"text\""))).extracting(Violation::field).containsExactly("$");
    }

    @Test
    void rejectsCalendarImpossibleAndOutOfRangeTimestamps() {
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("occurredAt", "2026-13-45T10:00:00Z"))))
                .extracting(Violation::field).containsExactly("occurredAt");
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("occurredAt", "1969-12-31T23:59:59Z"))))
                .extracting(Violation::message).containsExactly("must be between 1970-01-01 and 9999-12-31");
        // A four-digit year the schema's pattern lets through, yet past 9999 in UTC.
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("occurredAt", "9999-12-31T23:59:00-00:01"))))
                .extracting(Violation::message).containsExactly("must be between 1970-01-01 and 9999-12-31");
    }

    @Test
    void messagesStateTheLimit() {
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("taskName", "t".repeat(201)))))
                .extracting(Violation::message).containsExactly("must be at most 200 characters");
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("status", "done"))))
                .extracting(Violation::message).containsExactly("must be one of in_progress, success, error");
    }

    /** Every text limit, with how to put a text of a given length into an event (some need a prefix to be valid). */
    static Stream<Arguments> textLimits() {
        return Stream.of(
                textLimit("taskName", TaskEventValidator.MAX_TASK_NAME_LENGTH, "", (e, text) -> e.put("taskName", text)),
                textLimit("flow", TaskEventValidator.MAX_FLOW_LENGTH, "", (e, text) -> e.put("flow", text)),
                textLimit("actor.id", TaskEventValidator.MAX_ACTOR_ID_LENGTH, "",
                        (e, text) -> ((ObjectNode) e.get("actor")).put("id", text)),
                textLimit("prLinks[0]", TaskEventValidator.MAX_URL_LENGTH, "https://git.example/",
                        (e, text) -> e.set("prLinks", Json.array(List.of(text)))),
                textLimit("visibility.responsibleUsers[0]", TaskEventValidator.MAX_USER_IDENTITY_LENGTH, "google:",
                        (e, text) -> ((ObjectNode) e.get("visibility")).set("responsibleUsers", Json.array(List.of(text)))),
                textLimit("error.message", TaskEventValidator.MAX_ERROR_MESSAGE_LENGTH, "",
                        (e, text) -> e.put("status", "error").set("error", Json.object().put("message", text))),
                textLimit("error.type", TaskEventValidator.MAX_ERROR_TYPE_LENGTH, "",
                        (e, text) -> e.put("status", "error").set("error", Json.object().put("message", "boom").put("type", text))));
    }

    private static Arguments textLimit(String field, int limit, String prefix, BiConsumer<ObjectNode, String> put) {
        return Arguments.of(field, limit, prefix, put);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textLimits")
    void countsLengthInCodePoints(String field, int limit, String prefix, BiConsumer<ObjectNode, String> put) {
        // At the limit in code points, yet over it in UTF-16 units: only a code point count accepts it.
        String atLimit = EventSamples.ofCodePoints(prefix, limit);
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> put.accept(e, atLimit)))).isEmpty();
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> put.accept(e, atLimit + "x"))))
                .containsExactly(new Violation(field, "must be at most " + limit + " characters"));
    }
}
