package dev.tasktrail.dashboard.snapshot;

import java.util.Comparator;
import java.util.Objects;

/**
 * Where an execution sits in a sorted-set index: its score ({@code occurredAt} in epoch milliseconds) and member
 * (the {@code executionId}). Snapshots list entries newest first, which is Redis' reverse order: score
 * descending, and for equal scores member descending (Redis orders equal scores by member bytes).
 */
public record IndexPosition(long score, String executionId) {

    /** Snapshot order. Execution ids are ASCII, so {@link String#compareTo} is Redis' byte order. */
    static final Comparator<IndexPosition> NEWEST_FIRST = Comparator.comparingLong(IndexPosition::score)
            .thenComparing(IndexPosition::executionId)
            .reversed();

    public IndexPosition {
        Objects.requireNonNull(executionId, "executionId");
    }
}
