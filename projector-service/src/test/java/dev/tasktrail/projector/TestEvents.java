package dev.tasktrail.projector;

import dev.tasktrail.model.Actor;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskError;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Visibility;
import dev.tasktrail.service.stream.ConsumedEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events for projector tests. */
public final class TestEvents {

    public static final Instant T0 = Instant.parse("2026-03-15T10:00:00.000Z");

    private TestEvents() {
    }

    /** An event {@code secondsAfterT0} after {@link #T0}; errors carry an error object, others a flow. */
    public static TaskEvent event(String executionId, TaskStatus status, String project, long secondsAfterT0) {
        return event(executionId, status, project, T0.plusSeconds(secondsAfterT0));
    }

    public static TaskEvent event(String executionId, TaskStatus status, String project, Instant occurredAt) {
        return new TaskEvent(UUID.randomUUID().toString(), executionId, "Deploy " + executionId, status, project,
                occurredAt, status == TaskStatus.ERROR ? null : "flow/" + status.wireName(),
                new Actor("github", "octocat"), List.of("https://github.com/" + project + "/pull/1"),
                new Visibility(List.of("google:alice@example.com")),
                status == TaskStatus.ERROR ? new TaskError("tests failed", "TestFailure") : null,
                TaskEvent.SCHEMA_VERSION);
    }

    /** The entry the consumer loop would hand over for {@code event} stored at {@code entryId}. */
    public static ConsumedEntry entry(String entryId, TaskEvent event) {
        return new ConsumedEntry(StreamEntryId.parse(entryId), TaskEventCodec.encode(event), event, 1);
    }
}
