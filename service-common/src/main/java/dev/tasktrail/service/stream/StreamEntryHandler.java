package dev.tasktrail.service.stream;

import io.smallrye.mutiny.Uni;
import java.util.List;

/**
 * What a service does with the entries its {@link StreamConsumerLoop} reads. Two styles fit:
 * <ul>
 *   <li><b>apply, then acknowledge</b> (the projector): store the batch's effects, then
 *       {@code acknowledger.ack(batch)}, and return a Uni that completes after the acknowledgement;</li>
 *   <li><b>accept now, acknowledge later</b> (the archiver): put the entries into a bounded buffer, return a Uni
 *       that completes once the buffer has room again (the loop reads nothing meanwhile: backpressure), and call
 *       {@code acknowledger.ack(...)} later, from any thread, after the effect is stored (e.g. an S3 put).</li>
 * </ul>
 *
 * <p>Contract:
 * <ul>
 *   <li>Every entry is eventually settled through the {@link Acknowledger}: {@code ack} once its effect is
 *       stored, or {@code fail} to leave it pending for another delivery. An entry that is never settled stays
 *       pending too (and is claimed back after the loop's claim idle time if its consumer is gone). Effects must
 *       be idempotent: an entry can be delivered again after a crash between storing and acknowledging.</li>
 *   <li>{@code handle} is called with one batch at a time, never concurrently, on a worker thread (not a Vert.x
 *       event loop). It must not block for long: return a Uni instead.</li>
 *   <li>A failed Uni means "this batch could not be taken": the handler must keep none of its entries (it may
 *       have acknowledged some already). The loop treats it like a Redis failure: it backs off, then reads its
 *       own pending entries again, so the unacknowledged ones come back.</li>
 * </ul>
 */
@FunctionalInterface
public interface StreamEntryHandler {

    /**
     * @param entries one batch in stream order, never empty
     * @param acknowledger settles the entries; the same instance for every batch of a loop
     * @return completes when the loop may read the next batch
     */
    Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger);
}
