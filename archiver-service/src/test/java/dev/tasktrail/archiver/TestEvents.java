package dev.tasktrail.archiver;

import dev.tasktrail.model.Actor;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** Event documents for archiver tests, as the stream holds them. */
public final class TestEvents {

    private TestEvents() {
    }

    /** A canonical event of {@code project} that occurred at {@code occurredAt} (ISO-8601). */
    public static String event(String project, String occurredAt) {
        return TaskEventCodec.encode(new TaskEvent(UUID.randomUUID().toString(), "exec-" + UUID.randomUUID(),
                "Deploy", TaskStatus.IN_PROGRESS, project, Instant.parse(occurredAt), "flow/deploy",
                new Actor("github", "octocat"), List.of("https://github.com/" + project + "/pull/1"),
                new Visibility(List.of("google:alice@example.com")), null, TaskEvent.SCHEMA_VERSION));
    }

    /** An event of about 1.6 KB: a long flow and twenty pull request links. */
    public static String largeEvent(String project, String occurredAt) {
        List<String> links = IntStream.range(0, 20)
                .mapToObj(i -> "https://github.com/" + project + "/pull/" + (1000 + i) + "?from=archiver-test").toList();
        return TaskEventCodec.encode(new TaskEvent(UUID.randomUUID().toString(), "exec-" + UUID.randomUUID(),
                "Deploy", TaskStatus.SUCCESS, project, Instant.parse(occurredAt), "f".repeat(200),
                new Actor("slack", "U123"), links, Visibility.NONE, null, TaskEvent.SCHEMA_VERSION));
    }

    /**
     * A valid event written the way a hand-made producer might (spacing, field order, an unknown field, an offset
     * timestamp): the archive must keep it byte for byte.
     */
    public static String handWrittenEvent(String project, String occurredAt) {
        return "{ \"schemaVersion\": 1, \"project\": \"" + project + "\", \"eventId\": \"" + UUID.randomUUID()
                + "\",\n  \"executionId\": \"hand-1\", \"taskName\": \"Caf\u00e9 \u2615 build\", \"status\": \"success\","
                + " \"occurredAt\": \"" + occurredAt + "\", \"actor\": {\"provider\": \"slack\", \"id\": \"U9\"},"
                + " \"futureField\": [1, 2] }";
    }
}
