package dev.tasktrail.archiver.archive;

import dev.tasktrail.archiver.archive.ArchiverMetrics.Step;
import dev.tasktrail.archiver.archive.SealStore.Conflict;
import dev.tasktrail.archiver.archive.SealStore.SealedEntry;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.service.stream.Acknowledger;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.StreamEntryHandler;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * What the archiver does with the entries its consumer loop reads ("accept now, acknowledge later"): hold them in
 * the {@link ArchiveBuffer} and return at once while there is room (otherwise once there is: the loop reads
 * nothing meanwhile), and for every complete batch:
 * <ol>
 *   <li><b>seal</b> it ({@link SealStore#seal}): record its object key and entries in Redis, after checking that this
 *       consumer still owns each entry and that none belongs to an earlier sealed batch. Entries that belong to
 *       one are {@linkplain #recover recovered} with that batch; entries no longer ours are let go; the rest form a
 *       new batch (with a new name) and are sealed again;</li>
 *   <li><b>write</b> the object with a conditional put ({@link ArchiveWriter}): created, or already stored by an
 *       earlier attempt — both mean stored;</li>
 *   <li><b>complete</b> it: acknowledge the entries through the loop, then forget the seal.</li>
 * </ol>
 * Each step is retried with exponential backoff until it succeeds (S3 or Redis down: nothing is acknowledged, the
 * buffer fills, reading pauses), or until {@link #drain} gives up at shutdown, leaving the entries pending.
 */
public final class ArchivePipeline implements StreamEntryHandler {

    private static final Logger LOG = Logger.getLogger(ArchivePipeline.class);
    private static final double BACKOFF_JITTER = 0.2;

    private final ArchiveBuffer buffer;
    private final ArchiveLayout layout;
    private final ArchiveWriter writer;
    private final SealStore seals;
    private final ArchiverMetrics metrics;
    private final Executor uploads;
    private final Duration retryMinBackoff;
    private final Duration retryMaxBackoff;

    private final Set<CompletableFuture<Void>> flushes = ConcurrentHashMap.newKeySet();
    private final Map<Step, AtomicBoolean> failing = new EnumMap<>(Step.class);
    /** Recoveries of sealed batches in progress, by object key. */
    private final Map<String, Uni<Void>> recoveries = new ConcurrentHashMap<>();
    private volatile Acknowledger acknowledger;
    private volatile boolean stopping;

    /**
     * @param uploads where the blocking S3 puts run; its size bounds the concurrent uploads
     */
    ArchivePipeline(ArchiveBuffer buffer, ArchiveLayout layout, ArchiveWriter writer, SealStore seals,
            ArchiverMetrics metrics, Executor uploads, Duration retryMinBackoff, Duration retryMaxBackoff) {
        this.buffer = buffer;
        this.layout = layout;
        this.writer = writer;
        this.seals = seals;
        this.metrics = metrics;
        this.uploads = uploads;
        this.retryMinBackoff = retryMinBackoff;
        this.retryMaxBackoff = retryMaxBackoff;
        for (Step step : Step.values()) {
            failing.put(step, new AtomicBoolean());
        }
    }

    @Override
    public Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
        this.acknowledger = acknowledger;
        List<ArchiveEntry> arriving = new ArrayList<>(entries.size());
        // Only the line and where it goes are kept, not the decoded event: held entries cost about twice their
        // JSON in heap, however long S3 takes.
        for (ConsumedEntry entry : entries) {
            arriving.add(ArchiveEntry.of(entry.id(), entry.json(), ArchivePartition.of(entry.event())));
        }
        buffer.add(arriving).forEach(this::flush);
        return buffer.awaitRoom();
    }

    /** Writes the batches whose first entry has waited long enough; called on a timer. */
    void flushExpired() {
        buffer.takeExpired().forEach(this::flush);
    }

    /**
     * At shutdown, once the loop stopped reading: writes everything held, waits at most {@code grace} for it, then
     * gives up what is left: no attempt starts any more, and what is not stored stays pending, for the next start
     * or another replica.
     */
    void drain(Duration grace) {
        buffer.takeAllOpen().forEach(this::flush);
        List<CompletableFuture<Void>> inFlight = List.copyOf(flushes);
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("%d events were not archived within %s of shutdown; they stay pending for the next start "
                    + "or another replica", buffer.heldEntries(), grace);
        } catch (ExecutionException e) {
            LOG.warnf("Archiving at shutdown failed (%s); what was not stored stays pending", e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopping = true;
            // Ends the backoff waits too: nothing of this pipeline runs after drain returns.
            flushes.forEach(flush -> flush.cancel(false));
        }
    }

    /** Lets a reader waiting for room go on (at shutdown, so the loop can stop). */
    void stopWaitingForRoom() {
        buffer.releaseWaiters();
    }

    private void flush(ArchiveBatch batch) {
        long started = System.nanoTime();
        CompletableFuture<Void> done = archive(batch, started).subscribeAsCompletionStage();
        flushes.add(done);
        done.whenComplete((ignored, failure) -> flushes.remove(done));
    }

    private Uni<Void> archive(ArchiveBatch batch, long started) {
        String key = layout.objectKey(batch.partition(), batch.ids());
        return retrying(Step.SEAL, key, () -> seals.seal(key, batch.ids()))
                .chain(conflicts -> conflicts.isEmpty()
                        ? write(key, batch).chain(() -> complete(key, batch.ids(), started))
                        : resolve(batch, conflicts, started));
    }

    /** Sends conflicting entries where they belong, and the rest on as a batch of its own. */
    private Uni<Void> resolve(ArchiveBatch batch, List<Conflict> conflicts, long started) {
        Set<StreamEntryId> conflicting = conflicts.stream().map(Conflict::id).collect(Collectors.toSet());
        List<StreamEntryId> notOurs = conflicts.stream().filter(Conflict::released).map(Conflict::id).toList();
        Map<String, List<StreamEntryId>> earlierBatches = conflicts.stream()
                .filter(conflict -> !conflict.released())
                .collect(Collectors.groupingBy(conflict -> conflict.sealedAs().orElseThrow(), LinkedHashMap::new,
                        Collectors.mapping(Conflict::id, Collectors.toList())));
        handOver(notOurs, "already archived, or claimed by another consumer that archives it now");
        List<Uni<Void>> work = new ArrayList<>();
        earlierBatches.forEach((key, ids) -> work.add(recover(key, batch.partition(), started)
                // Completing the batch let go of its entries; any still held were completed by someone else.
                .invoke(() -> handOver(ids.stream().filter(buffer::holds).toList(),
                        "archived by an earlier attempt in " + key))));
        batch.without(conflicting).ifPresent(rest -> work.add(archive(rest, started)));
        return work.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(work).andFailFast().replaceWithVoid();
    }

    /**
     * Finishes a batch an earlier attempt sealed but did not complete (it crashed, or lost Redis, after sealing):
     * reads its entries back from the stream and writes them under the sealed name, so S3 ends up with exactly one
     * object for them whether or not the earlier put happened. Completing it acknowledges all of its entries, also
     * those this replica holds in other batches (which then find them released) or that are pending elsewhere.
     * One recovery per batch at a time: batches cut from the same re-delivered entries share it.
     */
    private Uni<Void> recover(String key, ArchivePartition partition, long started) {
        return recoveries.computeIfAbsent(key, sealed -> readAndRewrite(sealed, partition, started)
                .onTermination().invoke(() -> recoveries.remove(sealed))
                .memoize().indefinitely());
    }

    private Uni<Void> readAndRewrite(String key, ArchivePartition partition, long started) {
        return retrying(Step.SEAL, key, () -> seals.read(key))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .chain(sealed -> {
                    if (sealed.isEmpty()) {
                        return Uni.createFrom().voidItem(); // completed meanwhile: stored and acknowledged
                    }
                    List<SealedEntry> members = sealed.get();
                    List<StreamEntryId> memberIds = members.stream().map(SealedEntry::id).toList();
                    List<ArchiveEntry> present = members.stream()
                            .filter(member -> member.json() != null)
                            .map(member -> ArchiveEntry.of(member.id(), member.json(), partition))
                            .toList();
                    LOG.infof("Writing %s again: sealed by an earlier attempt that did not complete it (%d events)",
                            key, members.size());
                    if (present.size() < members.size()) {
                        LOG.errorf("%d events of %s were deleted from the stream while pending; the object holds "
                                + "the %d left", members.size() - present.size(), key, present.size());
                    }
                    metrics.recovered();
                    Uni<Void> written = present.isEmpty()
                            ? Uni.createFrom().voidItem()
                            : write(key, new ArchiveBatch(partition, present));
                    return written.chain(() -> complete(key, memberIds, started));
                });
    }

    private Uni<Void> write(String key, ArchiveBatch batch) {
        return retrying(Step.UPLOAD, key, () -> Uni.createFrom().item(() -> writer.write(key, batch))
                        .runSubscriptionOn(uploads))
                .invoke(outcome -> {
                    metrics.written(outcome, batch.bytes());
                    LOG.debugf("%s %s (%d events)", outcome == ArchiveWriter.Outcome.CREATED ? "Wrote" : "Found",
                            key, batch.size());
                })
                .replaceWithVoid();
    }

    /**
     * Acknowledges the entries (one {@code XACK} through the loop, which stops keeping them fresh; entries of a
     * recovered batch pending elsewhere included), then forgets the seal. Never the other way round: a forgotten
     * seal with a pending entry would let that entry be archived again in another batch. A crash in between leaves
     * a seal none of whose entries is pending; the start-up sweep forgets it.
     */
    private Uni<Void> complete(String key, List<StreamEntryId> ids, long started) {
        return retrying(Step.ACKNOWLEDGE, key, () -> acknowledger.ackIds(ids))
                .chain(() -> retrying(Step.ACKNOWLEDGE, key, () -> seals.complete(key, ids)))
                .invoke(() -> {
                    buffer.release(ids);
                    metrics.archived(ids.size(), started);
                });
    }

    /** Lets go of entries this replica no longer has to archive, without acknowledging them. */
    private void handOver(List<StreamEntryId> ids, String reason) {
        if (ids.isEmpty()) {
            return;
        }
        metrics.handedOver(ids.size());
        LOG.infof("Letting go of %d events: %s", ids.size(), reason);
        acknowledger.release(ids);
        buffer.release(ids);
    }

    /**
     * Repeats a step with exponential backoff until it succeeds, or until shutdown gave up waiting (then no attempt
     * starts any more). Logs when a kind of step starts failing and when it works again, not every attempt.
     */
    private <T> Uni<T> retrying(Step step, String key, Supplier<Uni<? extends T>> attempt) {
        AtomicBoolean stepFailing = failing.get(step);
        return Uni.createFrom().<T>deferred(() -> stopping
                        ? Uni.createFrom().failure(new IllegalStateException("the archiver stopped"))
                        : attempt.get())
                .onFailure(failure -> !stopping).invoke(failure -> {
                    metrics.retried(step);
                    if (stepFailing.compareAndSet(false, true)) {
                        LOG.warnf("%s failed (%s: %s); retrying with backoff up to %s, nothing is acknowledged "
                                + "meanwhile", describe(step), key, failure, retryMaxBackoff);
                    } else {
                        LOG.debugf("%s failed again (%s: %s)", describe(step), key, failure);
                    }
                })
                .onFailure(failure -> !stopping).retry()
                .withBackOff(retryMinBackoff, retryMaxBackoff).withJitter(BACKOFF_JITTER).indefinitely()
                .invoke(() -> {
                    if (stepFailing.compareAndSet(true, false)) {
                        LOG.infof("%s works again", describe(step));
                    }
                });
    }

    private static String describe(Step step) {
        return switch (step) {
            case SEAL -> "Sealing batches in Redis";
            case UPLOAD -> "Writing objects to S3";
            case ACKNOWLEDGE -> "Acknowledging archived entries in Redis";
        };
    }
}
