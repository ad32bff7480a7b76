package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskItem;
import io.vertx.core.Context;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replica's live view of the stream: the last {@code TASK_DASHBOARD_REPLAY_LIMIT} updates in memory (the
 * window clients resume from) and the fan-out of new updates to every subscriber.
 *
 * <p>Fan-out is one task per event loop, not per subscriber: subscribers are grouped by the event-loop thread their
 * connection lives on, and each group's members are touched only on that thread. The encoded message is shared by
 * all of them. Slow clients never hold the tailer up: each subscriber queues what its connection cannot take yet,
 * up to its own bound ({@link StreamSubscriber}).
 *
 * <p>No gap, no duplicate between resume and live: a subscriber joins its group and takes the window's updates after
 * its cursor in one step under the hub's lock, and {@link #append} adds to the window under the same lock before it
 * dispatches. So every update is either in what the subscriber took or dispatched to it afterwards, and it skips what
 * is not after its position.
 */
@ApplicationScoped
public class TaskStreamHub {

    private final int windowSize;
    private final ArrayDeque<StreamUpdate> window; // guarded by this
    /** Every stream entry after this is in the window; null until the tailer has loaded the window. */
    private StreamEntryId coveredFrom; // guarded by this
    private StreamEntryId latest = StreamEntryId.ZERO; // guarded by this
    private final LatestVersions versions; // guarded by this
    private final Map<Thread, LoopGroup> groups = new ConcurrentHashMap<>();
    private final AtomicInteger subscribers = new AtomicInteger();

    TaskStreamHub(DashboardConfig config) {
        DashboardConfig.Dashboard dashboard = config.dashboard();
        this.windowSize = Math.max(0, dashboard.replayLimit());
        this.window = new ArrayDeque<>(windowSize + 1);
        this.versions = new LatestVersions(dashboard.stream().versionsTracked());
    }

    /**
     * Loads the window with the newest entries of the stream at start-up, so that clients can resume from memory
     * right after a deployment. Nothing is dispatched.
     *
     * @param recent the newest entries, oldest first
     * @param coveredFrom every stream entry after this is among {@code recent}
     * @param upTo the last entry read
     */
    synchronized void load(List<TaskEntry> recent, StreamEntryId coveredFrom, StreamEntryId upTo) {
        this.coveredFrom = coveredFrom;
        toUpdates(recent);
        this.latest = upTo;
    }

    /** Adds what the tailer read to the window and sends it to every subscriber. Called by one tailer at a time. */
    void append(List<TaskEntry> entries, StreamEntryId upTo) {
        StreamBatch batch;
        synchronized (this) {
            batch = new StreamBatch(toUpdates(entries), upTo);
            latest = upTo;
        }
        for (LoopGroup group : groups.values()) {
            group.dispatch(batch);
        }
    }

    /**
     * Whether the replica has read a newer state of the item's execution than the item's (SPEC §2 ordering). For
     * replays from Redis, which cannot see the entries before their cursor; nothing is recorded.
     */
    synchronized boolean knowsNewerState(TaskItem item) {
        return versions.knowsNewerThan(item);
    }

    public synchronized StreamEntryId latest() {
        return latest;
    }

    public int subscriberCount() {
        return subscribers.get();
    }

    /**
     * Adds a subscriber to the fan-out. Call on the subscriber's event loop (its {@code context}).
     *
     * @param after the resume cursor, or empty to start with the next live update
     * @return where the subscriber starts
     */
    Join join(StreamSubscriber subscriber, Context context, Optional<StreamEntryId> after) {
        LoopGroup group = groups.computeIfAbsent(Thread.currentThread(), thread -> new LoopGroup(context));
        Join join;
        synchronized (this) {
            if (after.isEmpty()) {
                join = Join.live(latest);
            } else if (coveredFrom != null && !coveredFrom.isAfter(after.get())) {
                join = Join.fromMemory(latest, window.stream().filter(update -> update.id().isAfter(after.get())).toList());
            } else {
                join = Join.needsRedis(latest);
            }
            group.members.add(subscriber);
        }
        subscribers.incrementAndGet();
        return join;
    }

    /** Removes a subscriber from the fan-out; on the subscriber's event loop. */
    void leave(StreamSubscriber subscriber) {
        LoopGroup group = groups.get(Thread.currentThread());
        if (group != null && group.members.remove(subscriber)) {
            subscribers.decrementAndGet();
        }
    }

    /** Ends every stream (at shutdown, so that clients reconnect to another replica). */
    void closeAll() {
        for (LoopGroup group : groups.values()) {
            group.context.runOnContext(ignored -> List.copyOf(group.members).forEach(StreamSubscriber::close));
        }
    }

    private List<StreamUpdate> toUpdates(List<TaskEntry> entries) {
        List<StreamUpdate> updates = new ArrayList<>(entries.size());
        for (TaskEntry entry : entries) {
            StreamUpdate update = new StreamUpdate(entry.id(), entry.item(), SseFrames.taskUpdate(entry.id(), entry.item()),
                    versions.isSuperseded(entry.item()));
            updates.add(update);
            if (windowSize > 0) {
                window.addLast(update);
                if (window.size() > windowSize) {
                    coveredFrom = window.removeFirst().id();
                }
            } else {
                coveredFrom = update.id();
            }
        }
        return updates;
    }

    /** A stream entry holding a valid task event. */
    record TaskEntry(StreamEntryId id, TaskItem item) {
    }

    /**
     * Where a new subscriber starts.
     *
     * @param latest the last entry the hub had when the subscriber joined
     * @param replay updates to send first, from memory; null when the cursor is older than the window
     */
    record Join(StreamEntryId latest, List<StreamUpdate> replay) {
        static Join live(StreamEntryId latest) {
            return new Join(latest, List.of());
        }

        static Join fromMemory(StreamEntryId latest, List<StreamUpdate> replay) {
            return new Join(latest, replay);
        }

        static Join needsRedis(StreamEntryId latest) {
            return new Join(latest, null);
        }

        boolean coveredByMemory() {
            return replay != null;
        }
    }

    /**
     * The subscribers on one event loop; {@link #members} is touched only on that event loop's thread.
     *
     * <p>Batches that arrive while the loop is busy wait in {@link #pending} and reach the members together, so that
     * each member writes them with one write (one system call) instead of one per event: the busier the loop, the
     * fewer writes per event, so a burst or a fan-out to thousands of clients does not fall further and further
     * behind.
     */
    private static final class LoopGroup {
        private final Context context;
        private final List<StreamSubscriber> members = new ArrayList<>();
        private final Queue<StreamBatch> pending = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean deliveryScheduled = new AtomicBoolean();

        LoopGroup(Context context) {
            this.context = context;
        }

        /** Called by the one tailer, in stream order. */
        void dispatch(StreamBatch batch) {
            pending.add(batch);
            if (deliveryScheduled.compareAndSet(false, true)) {
                context.runOnContext(ignored -> deliver());
            }
        }

        private void deliver() {
            // Cleared before taking the batches: one dispatched from now on schedules another delivery.
            deliveryScheduled.set(false);
            StreamBatch batch = StreamBatch.merge(pending);
            if (batch != null && !members.isEmpty()) {
                for (StreamSubscriber member : members.toArray(StreamSubscriber[]::new)) {
                    member.offer(batch);
                }
            }
        }
    }
}
