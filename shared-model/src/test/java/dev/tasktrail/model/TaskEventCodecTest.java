package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TaskEventCodecTest {

    @Test
    void decodesEveryField() {
        TaskEvent event = TaskEventCodec.decode(EventSamples.VALID).orElseThrow();

        assertThat(event).isEqualTo(new TaskEvent("6f1c2a9e-1b7e-4c1e-9a55-0d2a1f0c9b11", "exec-42",
                "Generate release notes", TaskStatus.IN_PROGRESS, "acme/rocket",
                Instant.parse("2026-03-15T10:00:00.123Z"), "slack/release-notes", new Actor("slack", "U123"),
                List.of("https://github.com/acme/rocket/pull/7"), new Visibility(List.of("google:alice@example.com")),
                null, 1));
    }

    @Test
    void encodesCanonicallyAndRoundTrips() {
        TaskEvent event = TaskEventCodec.decode(EventSamples.VALID).orElseThrow();
        String encoded = TaskEventCodec.encode(event);

        assertThat(encoded).isEqualTo("{\"eventId\":\"6f1c2a9e-1b7e-4c1e-9a55-0d2a1f0c9b11\",\"executionId\":\"exec-42\","
                + "\"taskName\":\"Generate release notes\",\"status\":\"in_progress\",\"project\":\"acme/rocket\","
                + "\"occurredAt\":\"2026-03-15T10:00:00.123Z\",\"flow\":\"slack/release-notes\","
                + "\"actor\":{\"provider\":\"slack\",\"id\":\"U123\"},"
                + "\"prLinks\":[\"https://github.com/acme/rocket/pull/7\"],"
                + "\"visibility\":{\"responsibleUsers\":[\"google:alice@example.com\"]},\"schemaVersion\":1}");
        assertThat(TaskEventCodec.decode(encoded).orElseThrow()).isEqualTo(event);
        assertThat(TaskEventCodec.encode(TaskEventCodec.decode(encoded).orElseThrow())).isEqualTo(encoded);
    }

    @Test
    void roundTripsAnErrorEvent() {
        TaskEvent failed = new TaskEvent("e-2", "exec-42", "Deploy", TaskStatus.ERROR, "acme/rocket",
                Instant.parse("2026-03-15T10:05:00Z"), null, new Actor("github", "octocat"), List.of(),
                Visibility.NONE, new TaskError("rollout timed out", null), 1);

        String encoded = TaskEventCodec.encode(failed);

        assertThat(encoded).contains("\"error\":{\"message\":\"rollout timed out\"}").doesNotContain("flow");
        assertThat(TaskEventCodec.decode(encoded).orElseThrow()).isEqualTo(failed);
    }

    @Test
    void ignoresUnknownFields() {
        String withExtras = EventSamples.validWith(e -> e.put("retries", 3).put("labels", "x")).toString();

        DecodeResult result = TaskEventCodec.decode(withExtras);

        assertThat(result.isValid()).isTrue();
        assertThat(TaskEventCodec.encode(result.orElseThrow())).doesNotContain("retries", "labels");
    }

    @Test
    void normalizesTimestampsToUtcMilliseconds() {
        String offsetAndMicros = EventSamples.validWith(e -> e.put("occurredAt", "2026-03-15T12:00:00.123456+02:00")).toString();

        TaskEvent event = TaskEventCodec.decode(offsetAndMicros).orElseThrow();

        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-15T10:00:00.123Z"));
        assertThat(TaskEventCodec.encode(event)).contains("\"occurredAt\":\"2026-03-15T10:00:00.123Z\"");
    }

    @Test
    void writesWholeSecondsWithThreeFractionDigits() {
        assertThat(Timestamps.format(Instant.parse("2026-03-15T10:00:00Z"))).isEqualTo("2026-03-15T10:00:00.000Z");
    }

    @Test
    void treatsMissingListsAsEmpty() {
        String minimal = EventSamples.validWith(e -> e.remove(List.of("prLinks", "visibility", "flow"))).toString();

        TaskEvent event = TaskEventCodec.decode(minimal).orElseThrow();

        assertThat(event.prLinks()).isEmpty();
        assertThat(event.visibility().responsibleUsers()).isEmpty();
        assertThat(event.flow()).isNull();
        assertThat(TaskEventCodec.encode(event)).contains("\"prLinks\":[]", "\"visibility\":{\"responsibleUsers\":[]}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "{\"eventId\":", "{\"a\":1}{", "{\"eventId\":\"a\",\"eventId\":\"b\"}"})
    void reportsMalformedJsonAsAViolationOfTheDocument(String text) {
        DecodeResult result = TaskEventCodec.decode(text);

        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("$");
            assertThat(violation.message()).startsWith("malformed JSON");
        });
    }

    @Test
    void invalidResultDescribesEveryViolation() {
        DecodeResult result = TaskEventCodec.decode(EventSamples.validWith(e -> e.put("status", "x").remove("actor")).toString());

        assertThat(result.event()).isEmpty();
        assertThat(result.describeViolations())
                .isEqualTo("status: must be one of in_progress, success, error; actor: is required");
        assertThatThrownBy(result::orElseThrow).hasMessageContaining("actor: is required");
    }

    @Test
    void enrichmentAddsResponsibleUsersWithoutDuplicates() {
        TaskEvent event = TaskEventCodec.decode(EventSamples.VALID).orElseThrow();

        TaskEvent enriched = event.withResponsibleUsers(List.of("google:bob@example.com", "google:alice@example.com"));

        assertThat(enriched.visibility().responsibleUsers())
                .containsExactly("google:alice@example.com", "google:bob@example.com");
    }
}
