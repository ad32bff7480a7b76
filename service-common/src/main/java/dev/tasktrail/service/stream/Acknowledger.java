package dev.tasktrail.service.stream;

import dev.tasktrail.model.StreamEntryId;
import io.smallrye.mutiny.Uni;
import java.util.Collection;

/**
 * Settles entries a {@link StreamEntryHandler} took. Thread-safe; may be called after {@code handle}'s Uni
 * completed (deferred acknowledgement) and until the process ends.
 */
public interface Acknowledger {

    /**
     * Acknowledges the entries ({@code XACK}, one round trip): call only after their effect is stored.
     *
     * @return completes once Redis confirmed; fails when Redis could not be reached, in which case the entries
     *     stay pending (retrying is safe: acknowledging twice is harmless)
     */
    default Uni<Void> ack(Collection<ConsumedEntry> entries) {
        return ackIds(entries.stream().map(ConsumedEntry::id).toList());
    }

    /**
     * Gives up on one entry for now: it stays pending and unacknowledged. After the claim idle time the loop of
     * this or another replica claims it and delivers it again; once it has been delivered more than the
     * configured maximum it is moved to the dead-letter stream with {@code error} as the reason.
     */
    void fail(ConsumedEntry entry, Throwable error);

    /**
     * {@link #ack(Collection)} by entry id, for handlers that hold entries long and keep only their ids rather than
     * the decoded events (the archiver, while a batch waits for S3).
     */
    Uni<Void> ackIds(Collection<StreamEntryId> ids);

    /**
     * Stops holding entries without acknowledging them or counting a failure: they are no longer this handler's to
     * settle, because another consumer claimed them meanwhile or another attempt acknowledged them. The loop no
     * longer keeps them fresh; the group's pending entries are left as they are.
     */
    void release(Collection<StreamEntryId> ids);
}
