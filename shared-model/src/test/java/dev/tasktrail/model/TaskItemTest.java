package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskItemTest {

    private static final StreamEntryId ENTRY = StreamEntryId.parse("1773568800123-4");

    private static TaskEvent event(TaskStatus status, TaskError error) {
        return new TaskEvent("ev-1", "exec-42", "Deploy", status, "acme/rocket",
                Instant.parse("2026-03-15T10:00:00.123Z"), "deploy/prod", new Actor("github", "octocat"),
                List.of("https://github.com/acme/rocket/pull/7"), new Visibility(List.of("google:alice@example.com")),
                error, 1);
    }

    @Test
    void anInProgressEventKnowsWhenItStarted() {
        TaskItem item = TaskItem.fromEvent(event(TaskStatus.IN_PROGRESS, null), ENTRY);

        assertThat(item.startedAt()).isEqualTo(Instant.parse("2026-03-15T10:00:00.123Z"));
        assertThat(item.durationMs()).isNull();
        assertThat(item.lastEventId()).isEqualTo(ENTRY);
        assertThat(item.version()).isEqualTo(new EventVersion(item.occurredAt(), ENTRY));
    }

    @Test
    void aTerminalEventAloneDoesNotKnowItsStart() {
        TaskItem item = TaskItem.fromEvent(event(TaskStatus.SUCCESS, null), ENTRY);

        assertThat(item.startedAt()).isNull();
    }

    @Test
    void flattensToTheHashFields() {
        TaskItem item = TaskItem.fromEvent(event(TaskStatus.ERROR, new TaskError("timed out", "Timeout")), ENTRY);

        assertThat(item.toHash()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("eventId", "ev-1"),
                Map.entry("executionId", "exec-42"),
                Map.entry("taskName", "Deploy"),
                Map.entry("status", "error"),
                Map.entry("project", "acme/rocket"),
                Map.entry("occurredAt", "2026-03-15T10:00:00.123Z"),
                Map.entry("occurredAtMs", "1773568800123"),
                Map.entry("flow", "deploy/prod"),
                Map.entry("actorProvider", "github"),
                Map.entry("actorId", "octocat"),
                Map.entry("prLinks", "[\"https://github.com/acme/rocket/pull/7\"]"),
                Map.entry("responsibleUsers", "[\"google:alice@example.com\"]"),
                Map.entry("errorMessage", "timed out"),
                Map.entry("errorType", "Timeout"),
                Map.entry("schemaVersion", "1"),
                Map.entry("lastEventId", "1773568800123-4")));
    }

    @Test
    void hashRoundTripsWithDerivedFields() {
        TaskItem item = new TaskItem("exec-42", "Deploy", TaskStatus.SUCCESS, "acme/rocket",
                Instant.parse("2026-03-15T10:00:05.000Z"), null, new Actor("slack", "U1"), List.of(), Visibility.NONE,
                null, "ev-9", ENTRY, Instant.parse("2026-03-15T10:00:00.000Z"), 5000L);

        Map<String, String> hash = item.toHash();

        assertThat(hash).containsEntry("startedAt", "2026-03-15T10:00:00.000Z")
                .containsEntry("startedAtMs", "1773568800000")
                .containsEntry("durationMs", "5000")
                .doesNotContainKeys("flow", "errorMessage", "errorType");
        assertThat(TaskItem.fromHash(hash)).isEqualTo(item);
    }

    @Test
    void theItemFieldsAloneReadBackEveryValue() {
        TaskItem item = new TaskItem("exec-42", "Deploy", TaskStatus.ERROR, "acme/rocket",
                Instant.parse("2026-03-15T10:00:05.000Z"), "deploy/prod", new Actor("slack", "U1"),
                List.of("https://github.com/acme/rocket/pull/7"), new Visibility(List.of("google:alice@example.com")),
                new TaskError("timed out", "Timeout"), "ev-9", ENTRY, Instant.parse("2026-03-15T10:00:00.000Z"), 5000L);
        Map<String, String> itemFields = new HashMap<>(item.toHash());
        itemFields.keySet().retainAll(ExecutionHash.ITEM_FIELDS);

        assertThat(TaskItem.fromHash(itemFields)).isEqualTo(item);
    }

    @Test
    void rejectsAListThatIsNotAnArrayOfStrings() {
        Map<String, String> hash = new HashMap<>(TaskItem.fromEvent(event(TaskStatus.SUCCESS, null), ENTRY).toHash());
        hash.put("prLinks", "[7]");

        assertThatThrownBy(() -> TaskItem.fromHash(hash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("array of strings");
    }

    @Test
    void rejectsAnIncompleteHash() {
        Map<String, String> hash = new HashMap<>(TaskItem.fromEvent(event(TaskStatus.SUCCESS, null), ENTRY).toHash());
        hash.remove("lastEventId");

        assertThatThrownBy(() -> TaskItem.fromHash(hash)).hasMessage("execution hash has no lastEventId");
        assertThatThrownBy(() -> TaskItem.fromHash(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsAMalformedHashValue() {
        Map<String, String> hash = new HashMap<>(TaskItem.fromEvent(event(TaskStatus.SUCCESS, null), ENTRY).toHash());
        hash.put("occurredAt", "yesterday");

        assertThatThrownBy(() -> TaskItem.fromHash(hash)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("timestamp");
    }

    @Test
    void writesTheDashboardItemShape() {
        TaskItem item = TaskItem.fromEvent(event(TaskStatus.IN_PROGRESS, null), ENTRY);

        assertThat(item.toJson()).isEqualTo("{\"executionId\":\"exec-42\",\"taskName\":\"Deploy\","
                + "\"status\":\"in_progress\",\"project\":\"acme/rocket\",\"occurredAt\":\"2026-03-15T10:00:00.123Z\","
                + "\"flow\":\"deploy/prod\",\"actor\":{\"provider\":\"github\",\"id\":\"octocat\"},"
                + "\"prLinks\":[\"https://github.com/acme/rocket/pull/7\"],"
                + "\"visibility\":{\"responsibleUsers\":[\"google:alice@example.com\"]},\"eventId\":\"ev-1\","
                + "\"lastEventId\":\"1773568800123-4\",\"startedAt\":\"2026-03-15T10:00:00.123Z\"}");
    }

    @Test
    void writesAnErrorAndADurationAndLeavesOutWhatIsAbsent() {
        TaskItem item = new TaskItem("exec-42", "Deploy \"prod\"", TaskStatus.ERROR, "acme/rocket",
                Instant.parse("2026-03-15T10:00:05.000Z"), null, new Actor("slack", "U1"), List.of(), Visibility.NONE,
                new TaskError("timed out", null), null, ENTRY, Instant.parse("2026-03-15T10:00:00.000Z"), 5000L);

        assertThat(item.toJson()).isEqualTo("{\"executionId\":\"exec-42\",\"taskName\":\"Deploy \\\"prod\\\"\","
                + "\"status\":\"error\",\"project\":\"acme/rocket\",\"occurredAt\":\"2026-03-15T10:00:05.000Z\","
                + "\"actor\":{\"provider\":\"slack\",\"id\":\"U1\"},\"prLinks\":[],"
                + "\"visibility\":{\"responsibleUsers\":[]},\"error\":{\"message\":\"timed out\"},"
                + "\"lastEventId\":\"1773568800123-4\",\"startedAt\":\"2026-03-15T10:00:00.000Z\",\"durationMs\":5000}");
    }

    @Test
    void isVisibleToItsCreatorAndResponsibleUsersOnly() {
        TaskItem item = TaskItem.fromEvent(event(TaskStatus.IN_PROGRESS, null), ENTRY);

        assertThat(item.isVisibleTo("github:octocat")).isTrue();
        assertThat(item.isVisibleTo("google:alice@example.com")).isTrue();
        assertThat(item.isVisibleTo("google:mallory@example.com")).isFalse();
        assertThat(item.isVisibleTo("slack:octocat")).isFalse();
    }
}
