package dev.tasktrail.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every rule of SPEC §1 applied to an event's JSON tree. Returns all violations at once so a producer can fix
 * a request in one go; the publisher answers them as a 400 and consumers dead-letter entries that have any.
 *
 * <p>The limits are public so that the JSON Schema, the docs and the tests name the same numbers.
 */
public final class TaskEventValidator {

    public static final int MAX_ID_LENGTH = 128;
    public static final int MAX_TASK_NAME_LENGTH = 200;
    public static final int MAX_PROJECT_LENGTH = 200;
    public static final int MAX_FLOW_LENGTH = 200;
    public static final int MAX_ACTOR_ID_LENGTH = 200;
    public static final int MAX_PR_LINKS = 50;
    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_RESPONSIBLE_USERS = 100;
    public static final int MAX_USER_IDENTITY_LENGTH = 320;
    public static final int MAX_ERROR_MESSAGE_LENGTH = 4096;
    public static final int MAX_ERROR_TYPE_LENGTH = 200;
    /** Scores are epoch milliseconds and canonical timestamps are fixed-width only in this range. */
    public static final Instant EARLIEST_OCCURRED_AT = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST_OCCURRED_AT = Instant.parse("9999-12-31T23:59:59.999Z");

    public static final Pattern ID_PATTERN = Pattern.compile("[A-Za-z0-9._:-]+");
    public static final Pattern PROJECT_PATTERN = Pattern.compile("[A-Za-z0-9._-]+/[A-Za-z0-9._-]+");
    public static final Pattern URL_PATTERN = Pattern.compile("https?://[^\\s/?#]+(?:[/?#]\\S*)?");
    /** A viewer identity such as {@code google:alice@example.com} or {@code slack:U123}. */
    public static final Pattern USER_IDENTITY_PATTERN = Pattern.compile("[a-z][a-z0-9-]*:\\S+");

    private TaskEventValidator() {
    }

    /** All violations of {@code document}; empty when it is a valid event. */
    public static List<Violation> validate(JsonNode document) {
        if (document == null || !document.isObject()) {
            return List.of(new Violation("$", "must be a JSON object"));
        }
        Checker checker = new Checker(document);
        checker.identifier("eventId");
        checker.identifier("executionId");
        checker.text("taskName", MAX_TASK_NAME_LENGTH, true);
        checker.status();
        checker.project();
        checker.occurredAt();
        checker.text("flow", MAX_FLOW_LENGTH, false);
        checker.actor();
        checker.prLinks();
        checker.visibility();
        checker.error();
        checker.schemaVersion();
        return checker.violations();
    }

    /** Walks one document, collecting violations. */
    private static final class Checker {
        private final JsonNode document;
        private final List<Violation> violations = new ArrayList<>();

        Checker(JsonNode document) {
            this.document = document;
        }

        List<Violation> violations() {
            return Collections.unmodifiableList(violations);
        }

        void identifier(String field) {
            String value = requiredString(document, field, field);
            if (value != null) {
                checkLength(field, value, MAX_ID_LENGTH, true);
                if (!value.isBlank() && !ID_PATTERN.matcher(value).matches()) {
                    fail(field, "may only contain letters, digits and . _ : -");
                }
            }
        }

        void text(String field, int maxLength, boolean required) {
            String value = required ? requiredString(document, field, field) : optionalString(document, field, field);
            if (value != null) {
                checkLength(field, value, maxLength, required);
            }
        }

        void status() {
            String value = requiredString(document, "status", "status");
            if (value != null && TaskStatus.fromWireName(value).isEmpty()) {
                fail("status", "must be one of " + String.join(", ", TaskStatus.WIRE_NAMES));
            }
        }

        void project() {
            String value = requiredString(document, "project", "project");
            if (value != null) {
                if (!PROJECT_PATTERN.matcher(value).matches()) {
                    fail("project", "must be owner/repo, each part letters, digits, '.', '_' or '-'");
                } else {
                    checkLength("project", value, MAX_PROJECT_LENGTH, true);
                }
            }
        }

        void occurredAt() {
            String value = requiredString(document, "occurredAt", "occurredAt");
            if (value == null) {
                return;
            }
            try {
                Instant instant = Timestamps.parse(value);
                if (instant.isBefore(EARLIEST_OCCURRED_AT) || instant.isAfter(LATEST_OCCURRED_AT)) {
                    fail("occurredAt", "must be between 1970-01-01 and 9999-12-31");
                }
            } catch (DateTimeParseException e) {
                fail("occurredAt", "must be an ISO-8601 instant with offset, e.g. 2026-03-15T10:00:00.123Z");
            }
        }

        void actor() {
            JsonNode actor = document.get("actor");
            if (isAbsent(actor)) {
                fail("actor", "is required");
                return;
            }
            if (!actor.isObject()) {
                fail("actor", "must be an object with provider and id");
                return;
            }
            String provider = requiredString(actor, "provider", "actor.provider");
            if (provider != null && !Actor.PROVIDERS.contains(provider)) {
                fail("actor.provider", "must be one of " + String.join(", ", Actor.PROVIDERS));
            }
            String id = requiredString(actor, "id", "actor.id");
            if (id != null) {
                checkLength("actor.id", id, MAX_ACTOR_ID_LENGTH, true);
            }
        }

        void prLinks() {
            JsonNode links = document.get("prLinks");
            if (isAbsent(links)) {
                return;
            }
            if (!links.isArray()) {
                fail("prLinks", "must be an array of URLs");
                return;
            }
            if (links.size() > MAX_PR_LINKS) {
                fail("prLinks", "must have at most " + MAX_PR_LINKS + " items");
            }
            for (int i = 0; i < links.size(); i++) {
                String path = "prLinks[" + i + "]";
                JsonNode link = links.get(i);
                if (!link.isTextual()) {
                    fail(path, "must be a string");
                } else if (isLongerThan(link.textValue(), MAX_URL_LENGTH)) {
                    fail(path, "must be at most " + MAX_URL_LENGTH + " characters");
                } else if (!URL_PATTERN.matcher(link.textValue()).matches()) {
                    fail(path, "must be an absolute http(s) URL");
                }
            }
        }

        void visibility() {
            JsonNode visibility = document.get("visibility");
            if (isAbsent(visibility)) {
                return;
            }
            if (!visibility.isObject()) {
                fail("visibility", "must be an object with responsibleUsers");
                return;
            }
            JsonNode users = visibility.get("responsibleUsers");
            if (isAbsent(users)) {
                return;
            }
            if (!users.isArray()) {
                fail("visibility.responsibleUsers", "must be an array of user identities");
                return;
            }
            if (users.size() > MAX_RESPONSIBLE_USERS) {
                fail("visibility.responsibleUsers", "must have at most " + MAX_RESPONSIBLE_USERS + " items");
            }
            for (int i = 0; i < users.size(); i++) {
                String path = "visibility.responsibleUsers[" + i + "]";
                JsonNode user = users.get(i);
                if (!user.isTextual()) {
                    fail(path, "must be a string");
                } else if (isLongerThan(user.textValue(), MAX_USER_IDENTITY_LENGTH)) {
                    fail(path, "must be at most " + MAX_USER_IDENTITY_LENGTH + " characters");
                } else if (!USER_IDENTITY_PATTERN.matcher(user.textValue()).matches()) {
                    fail(path, "must be provider:identity, e.g. google:alice@example.com");
                }
            }
        }

        void error() {
            JsonNode error = document.get("error");
            if (isAbsent(error)) {
                return;
            }
            if (!error.isObject()) {
                fail("error", "must be an object with message and optional type");
                return;
            }
            JsonNode status = document.get("status");
            if (status != null && status.isTextual() && TaskStatus.fromWireName(status.textValue()).isPresent()
                    && !TaskStatus.ERROR.wireName().equals(status.textValue())) {
                fail("error", "is only allowed when status is error");
            }
            String message = requiredString(error, "message", "error.message");
            if (message != null) {
                checkLength("error.message", message, MAX_ERROR_MESSAGE_LENGTH, true);
            }
            String type = optionalString(error, "type", "error.type");
            if (type != null) {
                checkLength("error.type", type, MAX_ERROR_TYPE_LENGTH, false);
            }
        }

        void schemaVersion() {
            JsonNode version = document.get("schemaVersion");
            if (isAbsent(version)) {
                fail("schemaVersion", "is required");
            } else if (!version.isNumber()
                    || version.decimalValue().compareTo(BigDecimal.valueOf(TaskEvent.SCHEMA_VERSION)) != 0) {
                fail("schemaVersion", "must be " + TaskEvent.SCHEMA_VERSION);
            }
        }

        private String requiredString(JsonNode parent, String name, String path) {
            JsonNode value = parent.get(name);
            if (isAbsent(value)) {
                fail(path, "is required");
                return null;
            }
            if (!value.isTextual()) {
                fail(path, "must be a string");
                return null;
            }
            return value.textValue();
        }

        private String optionalString(JsonNode parent, String name, String path) {
            JsonNode value = parent.get(name);
            if (isAbsent(value)) {
                return null;
            }
            if (!value.isTextual()) {
                fail(path, "must be a string");
                return null;
            }
            return value.textValue();
        }

        private void checkLength(String path, String value, int maxLength, boolean required) {
            if (required && value.isBlank()) {
                fail(path, "must not be blank");
            } else if (isLongerThan(value, maxLength)) {
                fail(path, "must be at most " + maxLength + " characters");
            }
        }

        /** Lengths count code points, as the JSON Schema's maxLength does: an emoji is one character, not two. */
        private static boolean isLongerThan(String value, int maxLength) {
            return value.codePointCount(0, value.length()) > maxLength;
        }

        private void fail(String path, String message) {
            violations.add(new Violation(path, message));
        }

        private static boolean isAbsent(JsonNode value) {
            return value == null || value.isNull();
        }
    }
}
