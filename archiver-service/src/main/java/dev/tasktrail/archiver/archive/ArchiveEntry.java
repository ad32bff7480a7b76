package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.StreamEntryId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One stream entry on its way to the archive.
 *
 * @param id the stream entry id
 * @param json the entry's {@code event} value exactly as the stream holds it: the object's line
 * @param partition where it is archived
 * @param lineBytes the UTF-8 size of its line, newline included
 */
public record ArchiveEntry(StreamEntryId id, String json, ArchivePartition partition, int lineBytes) {

    public ArchiveEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(partition, "partition");
    }

    public static ArchiveEntry of(StreamEntryId id, String json, ArchivePartition partition) {
        return new ArchiveEntry(id, json, partition, json.getBytes(StandardCharsets.UTF_8).length + 1);
    }
}
