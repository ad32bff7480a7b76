package dev.tasktrail.service.stream;

import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import java.util.Objects;

/**
 * A valid stream entry handed to a {@link StreamEntryHandler}. Invalid entries never get here: the loop moves
 * them to the dead-letter stream.
 *
 * @param id the stream entry id
 * @param json the entry's {@code event} value exactly as stored in the stream
 * @param event {@code json} decoded and validated
 * @param deliveryCount how often the group has delivered this entry, this delivery included (1 for a first
 *     delivery; more after a consumer crashed or a handler {@linkplain Acknowledger#fail failed} it)
 */
public record ConsumedEntry(StreamEntryId id, String json, TaskEvent event, int deliveryCount) {

    public ConsumedEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(event, "event");
    }
}
