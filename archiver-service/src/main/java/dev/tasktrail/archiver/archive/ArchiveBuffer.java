package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.StreamEntryId;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;

/**
 * Every entry the archiver holds in memory, from the moment it is read until its object is stored (or it is given
 * up): open batches, one per partition, still collecting entries, and batches already taken for writing.
 *
 * <p>A partition's open batch is taken when it reaches {@code maxEvents} or {@code maxBytes} (an entry that would
 * overflow it starts the next batch instead; an entry larger than {@code maxBytes} alone makes a batch of one), or
 * when its first entry has waited {@code maxAge}. The total held is bounded by {@code capacityBytes}: once reached,
 * every open batch is taken at once (nothing is gained by waiting while reading is paused) and {@link #awaitRoom()}
 * does not complete until {@link #release released} entries make room again. The bound is soft by at most the one
 * read batch that crossed it.
 *
 * <p>Thread-safe. Adding an entry already held is ignored, releasing one not held too.
 */
public final class ArchiveBuffer {

    private final int maxEvents;
    private final long maxBytes;
    private final long maxAgeNanos;
    private final long capacityBytes;
    private final LongSupplier nanoClock;

    private final Map<ArchivePartition, OpenBatch> open = new LinkedHashMap<>();
    private final Map<StreamEntryId, ArchiveEntry> held = new HashMap<>();
    private final List<CompletableFuture<Void>> roomWaiters = new ArrayList<>();
    private long heldBytes;
    private boolean waitersReleased;

    /**
     * @param nanoClock {@link System#nanoTime} in production; tests pass a clock they move
     */
    public ArchiveBuffer(int maxEvents, long maxBytes, Duration maxAge, long capacityBytes, LongSupplier nanoClock) {
        if (maxEvents < 1 || maxBytes < 1 || capacityBytes < 1 || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("batch limits and the buffer capacity must be positive");
        }
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.maxAgeNanos = maxAge.toNanos();
        this.capacityBytes = capacityBytes;
        this.nanoClock = nanoClock;
    }

    /**
     * Holds the entries and returns the batches that are complete now: full ones, and every open one when the
     * buffer has reached its capacity.
     */
    public synchronized List<ArchiveBatch> add(Collection<ArchiveEntry> entries) {
        List<ArchiveBatch> complete = new ArrayList<>();
        long now = nanoClock.getAsLong();
        for (ArchiveEntry entry : entries) {
            if (held.putIfAbsent(entry.id(), entry) != null) {
                continue;
            }
            heldBytes += entry.lineBytes();
            OpenBatch batch = open.get(entry.partition());
            if (batch != null && !batch.fits(entry)) {
                complete.add(batch.toBatch());
                open.remove(entry.partition());
                batch = null;
            }
            if (batch == null) {
                batch = new OpenBatch(entry.partition(), now);
                open.put(entry.partition(), batch);
            }
            batch.add(entry);
            if (batch.isFull()) {
                complete.add(batch.toBatch());
                open.remove(entry.partition());
            }
        }
        if (heldBytes >= capacityBytes) {
            complete.addAll(takeAllOpen());
        }
        return complete;
    }

    /** Open batches whose first entry has waited {@code maxAge} or longer. */
    public synchronized List<ArchiveBatch> takeExpired() {
        long now = nanoClock.getAsLong();
        List<ArchiveBatch> expired = new ArrayList<>();
        for (Iterator<OpenBatch> batches = open.values().iterator(); batches.hasNext(); ) {
            OpenBatch batch = batches.next();
            if (now - batch.openedAtNanos >= maxAgeNanos) {
                expired.add(batch.toBatch());
                batches.remove();
            }
        }
        return expired;
    }

    /** Every open batch, whatever its size or age (at shutdown). */
    public synchronized List<ArchiveBatch> takeAllOpen() {
        List<ArchiveBatch> all = open.values().stream().map(OpenBatch::toBatch).toList();
        open.clear();
        return all;
    }

    /**
     * Forgets entries: stored, or no longer this replica's to store. Frees their room. Entries still in an open
     * batch are taken out of it.
     */
    public void release(Collection<StreamEntryId> ids) {
        List<CompletableFuture<Void>> wakeUp = List.of();
        synchronized (this) {
            for (StreamEntryId id : ids) {
                ArchiveEntry entry = held.remove(id);
                if (entry == null) {
                    continue;
                }
                heldBytes -= entry.lineBytes();
                OpenBatch batch = open.get(entry.partition());
                if (batch != null && batch.remove(entry)) {
                    if (batch.entries.isEmpty()) {
                        open.remove(entry.partition());
                    }
                }
            }
            if (heldBytes < capacityBytes && !roomWaiters.isEmpty()) {
                wakeUp = List.copyOf(roomWaiters);
                roomWaiters.clear();
            }
        }
        wakeUp.forEach(waiter -> waiter.complete(null));
    }

    /** Completes at once while below capacity, else once releases have made room. */
    public Uni<Void> awaitRoom() {
        synchronized (this) {
            if (heldBytes < capacityBytes || waitersReleased) {
                return Uni.createFrom().voidItem();
            }
            CompletableFuture<Void> waiter = new CompletableFuture<>();
            roomWaiters.add(waiter);
            return Uni.createFrom().completionStage(waiter);
        }
    }

    /** From now on {@link #awaitRoom()} completes at once (at shutdown: the reader must be able to stop). */
    public void releaseWaiters() {
        List<CompletableFuture<Void>> wakeUp;
        synchronized (this) {
            waitersReleased = true;
            wakeUp = List.copyOf(roomWaiters);
            roomWaiters.clear();
        }
        wakeUp.forEach(waiter -> waiter.complete(null));
    }

    public synchronized boolean holds(StreamEntryId id) {
        return held.containsKey(id);
    }

    public synchronized long heldBytes() {
        return heldBytes;
    }

    public synchronized int heldEntries() {
        return held.size();
    }

    public long capacityBytes() {
        return capacityBytes;
    }

    private final class OpenBatch {
        private final ArchivePartition partition;
        private final long openedAtNanos;
        private final List<ArchiveEntry> entries = new ArrayList<>();
        private long bytes;

        OpenBatch(ArchivePartition partition, long openedAtNanos) {
            this.partition = partition;
            this.openedAtNanos = openedAtNanos;
        }

        boolean fits(ArchiveEntry entry) {
            return entries.size() < maxEvents && bytes + entry.lineBytes() <= maxBytes;
        }

        void add(ArchiveEntry entry) {
            entries.add(entry);
            bytes += entry.lineBytes();
        }

        boolean remove(ArchiveEntry entry) {
            if (entries.remove(entry)) {
                bytes -= entry.lineBytes();
                return true;
            }
            return false;
        }

        boolean isFull() {
            return entries.size() >= maxEvents || bytes >= maxBytes;
        }

        ArchiveBatch toBatch() {
            return new ArchiveBatch(partition, List.copyOf(entries));
        }
    }
}
