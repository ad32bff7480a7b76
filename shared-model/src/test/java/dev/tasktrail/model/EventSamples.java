package dev.tasktrail.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Named event documents shared by the validator, codec and JSON Schema tests. */
final class EventSamples {

    /** One code point, two UTF-16 units: limits count it once (SPEC §1 lengths are in characters). */
    private static final String ROCKET = "\uD83D\uDE80";

    static final String VALID = """
            {"eventId":"6f1c2a9e-1b7e-4c1e-9a55-0d2a1f0c9b11","executionId":"exec-42",
             "taskName":"Generate release notes","status":"in_progress","project":"acme/rocket",
             "occurredAt":"2026-03-15T10:00:00.123Z","flow":"slack/release-notes",
             "actor":{"provider":"slack","id":"U123"},"prLinks":["https://github.com/acme/rocket/pull/7"],
             "visibility":{"responsibleUsers":["google:alice@example.com"]},"schemaVersion":1}
            """;

    private EventSamples() {
    }

    static ObjectNode valid() {
        return (ObjectNode) Json.parse(VALID);
    }

    static ObjectNode validWith(Consumer<ObjectNode> change) {
        ObjectNode event = valid();
        change.accept(event);
        return event;
    }

    /** Valid documents that exercise optional parts and boundaries. */
    static Stream<Arguments> validCases() {
        return Stream.of(
                Arguments.of("full example", valid()),
                Arguments.of("only required fields", validWith(e -> {
                    e.remove(List.of("flow", "prLinks", "visibility"));
                })),
                Arguments.of("null optionals", validWith(e -> {
                    e.putNull("flow");
                    e.putNull("prLinks");
                    e.putNull("visibility");
                    e.putNull("error");
                })),
                Arguments.of("error status with error object", validWith(e -> {
                    e.put("status", "error");
                    e.set("error", Json.parse("{\"message\":\"tests failed\",\"type\":\"TestFailure\"}"));
                })),
                Arguments.of("error without type", validWith(e -> {
                    e.put("status", "error");
                    e.set("error", Json.parse("{\"message\":\"boom\"}"));
                })),
                Arguments.of("success status", validWith(e -> e.put("status", "success"))),
                Arguments.of("github actor", validWith(e -> e.set("actor", Json.parse("{\"provider\":\"github\",\"id\":\"octocat\"}")))),
                Arguments.of("unknown fields", validWith(e -> {
                    e.put("futureField", "ignored");
                    ((ObjectNode) e.get("actor")).put("displayName", "Alice");
                })),
                Arguments.of("offset timestamp", validWith(e -> e.put("occurredAt", "2026-03-15T12:00:00.123+02:00"))),
                Arguments.of("timestamp without fraction", validWith(e -> e.put("occurredAt", "2026-03-15T10:00:00Z"))),
                Arguments.of("128-char executionId", validWith(e -> e.put("executionId", "x".repeat(128)))),
                Arguments.of("200-char taskName", validWith(e -> e.put("taskName", "t".repeat(200)))),
                Arguments.of("50 prLinks", validWith(e -> e.set("prLinks",
                        Json.array(java.util.Collections.nCopies(50, "http://git.example/pr/1"))))),
                Arguments.of("100 responsible users", validWith(e -> ((ObjectNode) e.get("visibility")).set(
                        "responsibleUsers", Json.array(java.util.Collections.nCopies(100, "google-sub:123"))))),
                Arguments.of("project with dots and dashes", validWith(e -> e.put("project", "my-org.io/my_repo.js"))),
                Arguments.of("latest occurredAt", validWith(e -> e.put("occurredAt", "9999-12-31T23:59:59.999Z"))),
                Arguments.of("2048-code-point prLink of rockets", validWith(e -> e.set("prLinks",
                        Json.array(List.of(ofCodePoints("https://git.example/", TaskEventValidator.MAX_URL_LENGTH)))))),
                Arguments.of("320-code-point responsible user of rockets", validWith(e -> ((ObjectNode) e.get("visibility"))
                        .set("responsibleUsers", Json.array(List.of(
                                ofCodePoints("google:", TaskEventValidator.MAX_USER_IDENTITY_LENGTH)))))));
    }

    /** {@code prefix} filled up with rockets to {@code codePoints} code points. */
    static String ofCodePoints(String prefix, int codePoints) {
        return prefix + ROCKET.repeat(codePoints - prefix.length());
    }

    /** Invalid documents, each with the field the violation must name. */
    static Stream<Arguments> invalidCases() {
        return Stream.of(
                invalid("eventId missing", "eventId", e -> e.remove("eventId")),
                invalid("eventId empty", "eventId", e -> e.put("eventId", "")),
                invalid("eventId with spaces", "eventId", e -> e.put("eventId", "a b")),
                invalid("eventId not a string", "eventId", e -> e.put("eventId", 42)),
                invalid("executionId missing", "executionId", e -> e.remove("executionId")),
                invalid("executionId with slash", "executionId", e -> e.put("executionId", "exec/1")),
                invalid("executionId 129 chars", "executionId", e -> e.put("executionId", "x".repeat(129))),
                invalid("taskName missing", "taskName", e -> e.remove("taskName")),
                invalid("taskName blank", "taskName", e -> e.put("taskName", "   ")),
                invalid("taskName 201 chars", "taskName", e -> e.put("taskName", "t".repeat(201))),
                invalid("status missing", "status", e -> e.remove("status")),
                invalid("status unknown", "status", e -> e.put("status", "done")),
                invalid("status upper case", "status", e -> e.put("status", "SUCCESS")),
                invalid("project missing", "project", e -> e.remove("project")),
                invalid("project without repo", "project", e -> e.put("project", "acme")),
                invalid("project with two slashes", "project", e -> e.put("project", "acme/rocket/extra")),
                invalid("project with space", "project", e -> e.put("project", "acme/rocket ship")),
                invalid("project 201 chars", "project", e -> e.put("project", "o/" + "r".repeat(199))),
                invalid("occurredAt missing", "occurredAt", e -> e.remove("occurredAt")),
                invalid("occurredAt not ISO", "occurredAt", e -> e.put("occurredAt", "15/03/2026 10:00")),
                invalid("occurredAt without offset", "occurredAt", e -> e.put("occurredAt", "2026-03-15T10:00:00.123")),
                invalid("occurredAt epoch number", "occurredAt", e -> e.put("occurredAt", 1773568800123L)),
                invalid("occurredAt after year 9999", "occurredAt", e -> e.put("occurredAt", "+10000-01-01T00:00:00Z")),
                invalid("flow not a string", "flow", e -> e.put("flow", 7)),
                invalid("flow 201 chars", "flow", e -> e.put("flow", "f".repeat(201))),
                invalid("actor missing", "actor", e -> e.remove("actor")),
                invalid("actor a string", "actor", e -> e.put("actor", "slack:U123")),
                invalid("actor provider unknown", "actor.provider", e -> ((ObjectNode) e.get("actor")).put("provider", "email")),
                invalid("actor provider missing", "actor.provider", e -> ((ObjectNode) e.get("actor")).remove("provider")),
                invalid("actor id missing", "actor.id", e -> ((ObjectNode) e.get("actor")).remove("id")),
                invalid("actor id blank", "actor.id", e -> ((ObjectNode) e.get("actor")).put("id", " ")),
                invalid("actor id 201 chars", "actor.id", e -> ((ObjectNode) e.get("actor")).put("id", "u".repeat(201))),
                invalid("prLinks not an array", "prLinks", e -> e.put("prLinks", "https://github.com/a/b/pull/1")),
                invalid("prLinks 51 items", "prLinks", e -> e.set("prLinks",
                        Json.array(java.util.Collections.nCopies(51, "https://github.com/a/b/pull/1")))),
                invalid("prLink ftp", "prLinks[0]", e -> e.set("prLinks", Json.array(List.of("ftp://example.com/pr/1")))),
                invalid("prLink relative", "prLinks[0]", e -> e.set("prLinks", Json.array(List.of("/acme/rocket/pull/7")))),
                invalid("prLink with space", "prLinks[0]", e -> e.set("prLinks", Json.array(List.of("https://github.com/a b")))),
                invalid("prLink not a string", "prLinks[1]", e -> ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("prLinks")).add(3)),
                invalid("prLink 2049 chars", "prLinks[0]", e -> e.set("prLinks",
                        Json.array(List.of("https://github.com/" + "p".repeat(2049 - "https://github.com/".length()))))),
                invalid("visibility an array", "visibility", e -> e.set("visibility", Json.array(List.of("google:a@b.c")))),
                invalid("responsibleUsers a string", "visibility.responsibleUsers",
                        e -> ((ObjectNode) e.get("visibility")).put("responsibleUsers", "google:a@b.c")),
                invalid("responsibleUsers 101 items", "visibility.responsibleUsers",
                        e -> ((ObjectNode) e.get("visibility")).set("responsibleUsers",
                                Json.array(java.util.Collections.nCopies(101, "google:a@b.c")))),
                invalid("responsible user without provider", "visibility.responsibleUsers[0]",
                        e -> ((ObjectNode) e.get("visibility")).set("responsibleUsers", Json.array(List.of("alice@example.com")))),
                invalid("responsible user 321 chars", "visibility.responsibleUsers[0]",
                        e -> ((ObjectNode) e.get("visibility")).set("responsibleUsers",
                                Json.array(List.of("google:" + "a".repeat(321 - "google:".length()))))),
                invalid("responsible user not a string", "visibility.responsibleUsers[1]",
                        e -> ((com.fasterxml.jackson.databind.node.ArrayNode) e.get("visibility").get("responsibleUsers")).add(7)),
                invalid("error with in_progress status", "error",
                        e -> e.set("error", Json.parse("{\"message\":\"boom\"}"))),
                invalid("error with success status", "error", e -> {
                    e.put("status", "success");
                    e.set("error", Json.parse("{\"message\":\"boom\"}"));
                }),
                invalid("error message missing", "error.message", e -> {
                    e.put("status", "error");
                    e.set("error", Json.parse("{\"type\":\"Timeout\"}"));
                }),
                invalid("error message 4097 chars", "error.message", e -> {
                    e.put("status", "error");
                    e.set("error", Json.object().put("message", "m".repeat(4097)));
                }),
                invalid("error type 201 chars", "error.type", e -> {
                    e.put("status", "error");
                    e.set("error", Json.object().put("message", "boom").put("type", "t".repeat(201)));
                }),
                invalid("error type not a string", "error.type", e -> {
                    e.put("status", "error");
                    e.set("error", Json.object().put("message", "boom").put("type", 7));
                }),
                invalid("error message blank", "error.message", e -> {
                    e.put("status", "error");
                    e.set("error", Json.object().put("message", "  "));
                }),
                invalid("error a string", "error", e -> {
                    e.put("status", "error");
                    e.put("error", "boom");
                }),
                invalid("schemaVersion missing", "schemaVersion", e -> e.remove("schemaVersion")),
                invalid("schemaVersion 2", "schemaVersion", e -> e.put("schemaVersion", 2)),
                invalid("schemaVersion a string", "schemaVersion", e -> e.put("schemaVersion", "1")));
    }

    private static Arguments invalid(String name, String field, Consumer<ObjectNode> change) {
        return Arguments.of(name, field, validWith(change));
    }
}
