package dev.tasktrail.dashboard.stream;

import dev.tasktrail.model.StreamEntryId;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * What one read of the stream brought.
 *
 * @param updates the task events, in stream order
 * @param upTo the last entry read, which may be after the last update (entries that are not valid events are read
 *     but not sent): a client has seen everything up to here once it has these updates
 */
record StreamBatch(List<StreamUpdate> updates, StreamEntryId upTo) {

    /**
     * Takes every batch out of {@code batches} (in stream order) and joins them into one.
     *
     * @return the joined batch, or null when there was none
     */
    static StreamBatch merge(Queue<StreamBatch> batches) {
        StreamBatch first = batches.poll();
        if (first == null || batches.isEmpty()) {
            return first;
        }
        List<StreamUpdate> updates = new ArrayList<>(first.updates());
        StreamEntryId upTo = first.upTo();
        for (StreamBatch next = batches.poll(); next != null; next = batches.poll()) {
            updates.addAll(next.updates());
            upTo = next.upTo();
        }
        return new StreamBatch(updates, upTo);
    }
}
