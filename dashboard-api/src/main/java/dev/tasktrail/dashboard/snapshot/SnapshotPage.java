package dev.tasktrail.dashboard.snapshot;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One page of {@code GET /dashboard/tasks}.
 *
 * @param items newest first
 * @param next where the next page starts, or empty on the last page
 * @param streamCursor stream entry id to open the stream from, so no update falls between snapshot and stream
 * @param counts executions per status in the query's project (or all projects) and time range; empty when
 *     visibility is enforced, since index counts would include tasks the viewer may not see
 */
public record SnapshotPage(List<TaskItem> items, Optional<IndexPosition> next, String streamCursor,
        Optional<Map<TaskStatus, Long>> counts) {

    /** A typical item's JSON is a few hundred bytes; the buffer grows when a page needs more. */
    private static final int BYTES_PER_ITEM = 512;

    /** The response body, written straight to bytes: no JSON tree is built for a page. */
    public Buffer toJson() {
        ByteBuf bytes = Unpooled.buffer(256 + items.size() * BYTES_PER_ITEM);
        OutputStream body = new ByteBufOutputStream(bytes);
        try (JsonGenerator out = Json.MAPPER.createGenerator(body, JsonEncoding.UTF8)) {
            out.writeStartObject();
            out.writeArrayFieldStart("items");
            for (TaskItem item : items) {
                item.writeJson(out);
            }
            out.writeEndArray();
            out.writeStringField("nextCursor", next.map(SnapshotCursor::encode).orElse(null));
            out.writeStringField("streamCursor", streamCursor);
            if (counts.isPresent()) {
                out.writeObjectFieldStart("counts");
                for (TaskStatus status : TaskStatus.values()) {
                    out.writeNumberField(status.wireName(), counts.get().getOrDefault(status, 0L));
                }
                out.writeEndObject();
            }
            out.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory never fails", e);
        }
        return Buffer.buffer(bytes);
    }
}
