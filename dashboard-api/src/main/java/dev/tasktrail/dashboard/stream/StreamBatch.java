package dev.tasktrail.dashboard.stream;

import dev.tasktrail.model.StreamEntryId;
import java.util.List;

/**
 * What one read of the stream brought.
 *
 * @param updates the task events, in stream order
 * @param upTo the last entry read, which may be after the last update (entries that are not valid events are read
 *     but not sent): a client has seen everything up to here once it has these updates
 */
record StreamBatch(List<StreamUpdate> updates, StreamEntryId upTo) {
}
