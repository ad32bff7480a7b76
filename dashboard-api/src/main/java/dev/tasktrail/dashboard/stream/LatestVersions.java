package dev.tasktrail.dashboard.stream;

import dev.tasktrail.model.EventVersion;
import dev.tasktrail.model.TaskItem;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The newest state seen per execution, for the most recently updated {@code capacity} executions: tells whether a
 * state is older than one seen before it (SPEC §2 ordering rule). Bounded, so an execution forgotten here may let an
 * older state through; clients apply the same rule, so that costs a message, never a wrong row. Not thread-safe.
 */
final class LatestVersions {

    private final Map<String, EventVersion> newest;

    LatestVersions(int capacity) {
        this.newest = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, EventVersion> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records the item's state and answers whether a newer state of its execution was seen before. */
    boolean isSuperseded(TaskItem item) {
        EventVersion version = item.version();
        EventVersion seen = newest.get(item.executionId());
        if (seen != null && !version.supersedes(seen)) {
            return true;
        }
        newest.put(item.executionId(), version);
        return false;
    }

    /** Whether a newer state of the item's execution was seen (before or after the item's entry); records no state. */
    boolean knowsNewerThan(TaskItem item) {
        EventVersion seen = newest.get(item.executionId());
        return seen != null && seen.supersedes(item.version());
    }
}
