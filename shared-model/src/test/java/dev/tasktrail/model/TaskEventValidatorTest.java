package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
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
    }

    @Test
    void messagesStateTheLimit() {
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("taskName", "t".repeat(201)))))
                .extracting(Violation::message).containsExactly("must be at most 200 characters");
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("status", "done"))))
                .extracting(Violation::message).containsExactly("must be one of in_progress, success, error");
    }

    @Test
    void countsLengthInCodePoints() {
        String twoHundredEmoji = "\uD83D\uDE80".repeat(200);
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("taskName", twoHundredEmoji)))).isEmpty();
        assertThat(TaskEventValidator.validate(EventSamples.validWith(e -> e.put("taskName", twoHundredEmoji + "x"))))
                .extracting(Violation::field).containsExactly("taskName");
    }
}
