package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.auth.Viewer;
import dev.tasktrail.dashboard.auth.VisibilityPolicy;
import dev.tasktrail.dashboard.query.TaskFilter;
import dev.tasktrail.dashboard.stream.SseFrames.RefreshReason;
import dev.tasktrail.model.StreamEntryId;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One open stream: what its client may see, what is queued for it and how far it got. Lives on the event loop of its
 * connection; every method is called there.
 *
 * <p>Updates are queued as they arrive and written while the connection takes them
 * ({@link HttpServerResponse#writeQueueFull()}, resumed by the drain handler); those that are waiting together go out
 * in one write. More than {@code bufferLimit} waiting means the client cannot keep up: the queue is dropped, the
 * client gets {@code snapshot_refresh_required} ({@code slow_consumer}) and continues with live updates. A client that has not even read that message by the next
 * overflow is disconnected; it reconnects when it can.
 */
final class StreamSubscriber {

    /** Bounds one write to about the connection's write-queue limit (~64 KB). */
    private static final int MAX_FRAMES_PER_WRITE = 128;

    private enum State { REPLAYING, LIVE, CLOSED }

    private final HttpServerResponse response;
    private final Viewer viewer;
    private final TaskFilter filter;
    private final VisibilityPolicy visibility;
    private final StreamMetrics metrics;
    private final int bufferLimit;
    private final ArrayDeque<StreamUpdate> queue = new ArrayDeque<>();
    /** Messages for the next write ({@link #flush}). */
    private final List<ByteBuf> outgoing = new ArrayList<>();
    private final TaskStreamHub hub;
    private final Vertx vertx;
    private long heartbeatTimer = -1;
    private long expiryTimer = -1;

    private State state = State.REPLAYING;
    /** Every entry up to here is queued, sent, or not for this client. */
    private StreamEntryId accepted;
    /** Every entry up to here is sent or not for this client: what a keepalive reports. */
    private StreamEntryId position;
    /** A slow-consumer notice was written while the connection was full and has not drained yet. */
    private boolean resetUnread;

    StreamSubscriber(HttpServerResponse response, Viewer viewer, TaskFilter filter, VisibilityPolicy visibility,
            StreamMetrics metrics, int bufferLimit, StreamEntryId start, TaskStreamHub hub, Vertx vertx) {
        this.response = response;
        this.viewer = viewer;
        this.filter = filter;
        this.visibility = visibility;
        this.metrics = metrics;
        this.bufferLimit = bufferLimit;
        this.accepted = start;
        this.position = start;
        this.hub = hub;
        this.vertx = vertx;
        response.drainHandler(ignored -> {
            resetUnread = false;
            if (state == State.LIVE) {
                drain();
            }
        });
    }

    /**
     * Sends {@code keepalive} every {@code heartbeat} and ends the stream when the viewer's token expires (the client
     * reconnects with a fresh one). Also ends it when the connection fails.
     */
    void watch(Duration heartbeat) {
        response.closeHandler(ignored -> closed());
        response.exceptionHandler(failure -> close());
        heartbeatTimer = vertx.setPeriodic(heartbeat.toMillis(), ignored -> keepalive());
        long untilExpiry = Duration.between(Instant.now(), viewer.tokenExpiresAt()).toMillis();
        expiryTimer = vertx.setTimer(Math.max(1, untilExpiry), ignored -> close());
    }

    /** Live updates from the hub: queued while a replay runs, written otherwise. */
    void offer(StreamBatch batch) {
        if (state == State.CLOSED) {
            return;
        }
        for (StreamUpdate update : batch.updates()) {
            if (update.id().isAfter(accepted)) {
                queue.addLast(update);
                accepted = update.id();
            }
        }
        if (batch.upTo().isAfter(accepted)) {
            accepted = batch.upTo();
        }
        if (state == State.LIVE) {
            drainOrReset();
        }
    }

    /**
     * Ends the replay and goes live.
     *
     * @param replay updates after the cursor, oldest first, with {@link StreamUpdate#superseded()} set for this
     *     client
     * @param replayedUpTo every entry up to here was covered by the replay
     */
    void replayed(List<StreamUpdate> replay, StreamEntryId replayedUpTo) {
        if (state == State.CLOSED) {
            return;
        }
        for (StreamUpdate update : replay) {
            if (update.id().isAfter(position)) {
                position = update.id();
                add(update);
            }
        }
        flush();
        skipQueuedUpTo(replayedUpTo);
        state = State.LIVE;
        drainOrReset();
    }

    /**
     * The cursor could not be replayed: the client reloads its snapshot, and the stream continues live from
     * {@code liveFrom} (where the hub was when the client joined).
     */
    void replayImpossible(StreamEntryId liveFrom) {
        if (state == State.CLOSED) {
            return;
        }
        skipQueuedUpTo(liveFrom);
        if (liveFrom.isAfter(position)) {
            position = liveFrom;
        }
        response.write(SseFrames.refreshRequired(position, RefreshReason.CURSOR_EXPIRED));
        metrics.refreshRequired(RefreshReason.CURSOR_EXPIRED);
        state = State.LIVE;
        drainOrReset();
    }

    /** Tells an idle client the stream is alive and how far it has seen. */
    private void keepalive() {
        if (state == State.LIVE && queue.isEmpty() && !response.writeQueueFull()) {
            response.write(SseFrames.keepalive(position, Instant.now()));
        }
    }

    /** Ends the stream (token expired, shutdown); the client reconnects. */
    void close() {
        if (state != State.CLOSED) {
            closed();
            if (!response.ended() && !response.closed()) {
                response.end();
            }
        }
    }

    /** The connection is gone. */
    void closed() {
        if (state != State.CLOSED) {
            state = State.CLOSED;
            queue.clear();
            vertx.cancelTimer(heartbeatTimer);
            vertx.cancelTimer(expiryTimer);
            hub.leave(this);
        }
    }

    private void skipQueuedUpTo(StreamEntryId upTo) {
        while (!queue.isEmpty() && !queue.peekFirst().id().isAfter(upTo)) {
            queue.removeFirst();
        }
        if (upTo.isAfter(accepted)) {
            accepted = upTo;
        }
        if (upTo.isAfter(position)) {
            position = upTo;
        }
    }

    /** While a replay runs, live updates only queue up; the bound applies once the subscriber is live. */
    private void drainOrReset() {
        if (queue.size() > bufferLimit) {
            resetSlowConsumer();
        } else {
            drain();
        }
    }

    private void drain() {
        while (!queue.isEmpty()) {
            if (response.writeQueueFull()) {
                flush();
                return; // the drain handler continues
            }
            StreamUpdate update = queue.removeFirst();
            position = update.id();
            add(update);
        }
        flush();
        position = accepted;
    }

    /** Adds the update to the next write if this client may see it. */
    private void add(StreamUpdate update) {
        if (!update.superseded() && filter.matches(update.item()) && visibility.allows(viewer, update.item())) {
            if (outgoing.size() == MAX_FRAMES_PER_WRITE) {
                flush();
            }
            outgoing.add(update.frame());
        }
    }

    /**
     * Writes what {@link #add} collected, without copying a message: updates that reached this client together go
     * out in one write and one system call, a gather write of the shared messages.
     */
    private void flush() {
        if (outgoing.isEmpty()) {
            return;
        }
        // Duplicates: each write reads the shared messages with indexes of its own.
        ByteBuf frames;
        if (outgoing.size() == 1) {
            frames = outgoing.get(0).duplicate();
        } else {
            ByteBuf[] parts = new ByteBuf[outgoing.size()];
            for (int i = 0; i < parts.length; i++) {
                parts[i] = outgoing.get(i).duplicate();
            }
            frames = Unpooled.wrappedUnmodifiableBuffer(parts);
        }
        response.write(Buffer.buffer(frames));
        metrics.eventsSent(outgoing.size());
        outgoing.clear();
    }

    private void resetSlowConsumer() {
        if (resetUnread) {
            metrics.slowConsumerDisconnected();
            close();
            return;
        }
        queue.clear();
        position = accepted;
        resetUnread = response.writeQueueFull();
        response.write(SseFrames.refreshRequired(position, RefreshReason.SLOW_CONSUMER));
        metrics.refreshRequired(RefreshReason.SLOW_CONSUMER);
        metrics.slowConsumerReset();
    }
}
