package dev.tasktrail.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;

/**
 * The SPEC ordering rule: which of two events of one execution is newer. {@code occurredAt} decides, and for
 * equal instants the stream entry id (numerically). An event never replaces a state that is not older.
 *
 * @param occurredAt when the event happened (millisecond precision)
 * @param entryId the stream entry that carried it
 */
public record EventVersion(Instant occurredAt, StreamEntryId entryId) implements Comparable<EventVersion> {

    private static final Comparator<EventVersion> ORDER =
            Comparator.comparing(EventVersion::occurredAt).thenComparing(EventVersion::entryId);

    public EventVersion {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(entryId, "entryId");
        occurredAt = Timestamps.truncate(occurredAt);
    }

    public static EventVersion of(TaskEvent event, StreamEntryId entryId) {
        return new EventVersion(event.occurredAt(), entryId);
    }

    /** True when a state at this version must replace one at {@code current}. */
    public boolean supersedes(EventVersion current) {
        return compareTo(current) > 0;
    }

    @Override
    public int compareTo(EventVersion other) {
        return ORDER.compare(this, other);
    }
}
