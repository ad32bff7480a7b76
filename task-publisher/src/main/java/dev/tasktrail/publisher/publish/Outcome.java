package dev.tasktrail.publisher.publish;

import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.Violation;
import java.util.List;

/** What became of one submitted event. */
public sealed interface Outcome {

    /** In the stream: appended now, or earlier under the same {@code eventId} ({@link Appended#duplicate()}). */
    record Accepted(TaskEvent event, Appended appended) implements Outcome {
    }

    /**
     * Refused for breaking the event rules; nothing was written.
     *
     * @param eventId the {@code eventId} the producer sent, {@code null} when it sent none (or not a string)
     */
    record Rejected(String eventId, List<Violation> violations) implements Outcome {
    }
}
