package dev.tasktrail.dashboard.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.Timestamps;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * The Server-Sent Events messages of {@code GET /dashboard/tasks/stream} (SPEC §5), encoded once as bytes. A task
 * update is encoded by the tailer and the same bytes are written to every subscriber. Data is single-line JSON, so
 * each message has one {@code data:} line.
 */
public final class SseFrames {

    public static final String TASK_STATUS_UPDATED = "task_status_updated";
    public static final String SNAPSHOT_REFRESH_REQUIRED = "snapshot_refresh_required";
    public static final String KEEPALIVE = "keepalive";

    /** Reasons of {@value #SNAPSHOT_REFRESH_REQUIRED}. */
    public enum RefreshReason {
        /** The resume cursor is older than what memory and the Redis stream can replay. */
        CURSOR_EXPIRED("cursor_expired"),
        /** The client did not take events as fast as they came; some were dropped for it. */
        SLOW_CONSUMER("slow_consumer");

        private final String wireName;

        RefreshReason(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    private SseFrames() {
    }

    /**
     * A task update, off-heap and never released, to be written as is to every subscriber: Netty copies a heap buffer
     * into direct memory on every write, and a client that is behind would hold such a copy of each message it has
     * not taken yet; this one is written without a copy and waits in their queues by reference. The garbage
     * collector frees it with its last reference, as the {@link ByteBuffer} it wraps.
     */
    public static ByteBuf taskUpdate(StreamEntryId id, TaskItem item) {
        byte[] message = text(id, TASK_STATUS_UPDATED, item.toJson()).getBytes(StandardCharsets.UTF_8);
        ByteBuffer offHeap = ByteBuffer.allocateDirect(message.length).put(message).flip();
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(offHeap));
    }

    public static Buffer refreshRequired(StreamEntryId position, RefreshReason reason) {
        ObjectNode data = Json.object();
        data.put("reason", reason.wireName());
        return message(position, SNAPSHOT_REFRESH_REQUIRED, Json.write(data));
    }

    /**
     * @param position every entry up to here was sent or did not match the client's filters: the {@code id:} makes
     *     a browser resume from here, so an idle filtered client does not replay what it filtered out
     */
    public static Buffer keepalive(StreamEntryId position, Instant serverTime) {
        ObjectNode data = Json.object();
        data.put("lastEventId", position.toString());
        data.put("serverTime", Timestamps.format(serverTime));
        return message(position, KEEPALIVE, Json.write(data));
    }

    /** The reconnection delay hint; also the first bytes of every stream, so clients see it open at once. */
    public static Buffer retry(Duration delay) {
        return Buffer.buffer("retry: " + delay.toMillis() + "\n\n");
    }

    private static Buffer message(StreamEntryId id, String event, String data) {
        return Buffer.buffer(text(id, event, data));
    }

    private static String text(StreamEntryId id, String event, String data) {
        return "id: " + id + "\nevent: " + event + "\ndata: " + data + "\n\n";
    }
}
