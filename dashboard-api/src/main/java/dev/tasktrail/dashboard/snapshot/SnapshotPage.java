package dev.tasktrail.dashboard.snapshot;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
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

    public ObjectNode toJson() {
        ObjectNode json = Json.object();
        ArrayNode array = json.putArray("items");
        items.forEach(item -> array.add(item.toJson()));
        json.put("nextCursor", next.map(SnapshotCursor::encode).orElse(null));
        json.put("streamCursor", streamCursor);
        counts.ifPresent(byStatus -> {
            ObjectNode countsJson = json.putObject("counts");
            for (TaskStatus status : TaskStatus.values()) {
                countsJson.put(status.wireName(), byStatus.getOrDefault(status, 0L));
            }
        });
        return json;
    }
}
