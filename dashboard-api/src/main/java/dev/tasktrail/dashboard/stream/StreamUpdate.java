package dev.tasktrail.dashboard.stream;

import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskItem;
import io.netty.buffer.ByteBuf;

/**
 * One task event of the stream as the dashboard sends it.
 *
 * @param id the stream entry it came from
 * @param item the state it carries, for filters and visibility
 * @param frame the encoded {@code task_status_updated} message, shared by every subscriber and never released
 *     ({@link SseFrames#taskUpdate})
 * @param superseded true when an earlier entry of the stream already carried a newer state of the same execution
 *     (SPEC §2 ordering): a client that followed the stream up to here has that newer state, so this one is not
 *     sent
 */
public record StreamUpdate(StreamEntryId id, TaskItem item, ByteBuf frame, boolean superseded) {
}
