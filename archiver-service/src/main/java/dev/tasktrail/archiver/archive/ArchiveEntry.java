package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.StreamEntryId;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One stream entry on its way to the archive.
 *
 * @param id the stream entry id
 * @param json the object's line: the entry's {@code event} value as the stream holds it (see {@link #of})
 * @param partition where it is archived
 * @param lineBytes the UTF-8 size of its line, newline included
 */
public record ArchiveEntry(StreamEntryId id, String json, ArchivePartition partition, int lineBytes) {

    public ArchiveEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(partition, "partition");
    }

    /**
     * @param streamJson the {@code event} value of a valid entry. It becomes the line unchanged, except that a line
     *     break, which in valid JSON can only be whitespace between tokens (inside strings it must be escaped), is
     *     replaced by a space: the same JSON document, on one line. The publisher never writes one; this keeps the
     *     archive one event per line whoever wrote the stream.
     */
    public static ArchiveEntry of(StreamEntryId id, String streamJson, ArchivePartition partition) {
        String line = streamJson.indexOf('\n') < 0 && streamJson.indexOf('\r') < 0
                ? streamJson
                : streamJson.replace('\n', ' ').replace('\r', ' ');
        return new ArchiveEntry(id, line, partition, line.getBytes(StandardCharsets.UTF_8).length + 1);
    }
}
