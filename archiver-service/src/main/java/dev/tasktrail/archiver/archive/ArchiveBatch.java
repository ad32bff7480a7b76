package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.StreamEntryId;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The entries of one future object: one partition, in stream order (entries claimed from another consumer may
 * have arrived after newer ones; sorting makes the order, and so the object name, independent of arrival).
 */
public record ArchiveBatch(ArchivePartition partition, List<ArchiveEntry> entries) {

    public ArchiveBatch {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one entry");
        }
        entries = entries.stream().sorted(Comparator.comparing(ArchiveEntry::id)).toList();
        if (entries.stream().anyMatch(entry -> !entry.partition().equals(partition))) {
            throw new IllegalArgumentException("every entry of a batch belongs to " + partition);
        }
    }

    public List<StreamEntryId> ids() {
        return entries.stream().map(ArchiveEntry::id).toList();
    }

    public int size() {
        return entries.size();
    }

    public long bytes() {
        return entries.stream().mapToLong(ArchiveEntry::lineBytes).sum();
    }

    /** The object's content: each entry's JSON unchanged, one per line, each line ending with a newline. */
    public byte[] body() {
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, bytes()));
        for (ArchiveEntry entry : entries) {
            body.writeBytes(entry.json().getBytes(StandardCharsets.UTF_8));
            body.write('\n');
        }
        return body.toByteArray();
    }

    /** The same partition without {@code removed}; empty when nothing is left. */
    public Optional<ArchiveBatch> without(Set<StreamEntryId> removed) {
        List<ArchiveEntry> left = entries.stream().filter(entry -> !removed.contains(entry.id())).toList();
        return left.isEmpty() ? Optional.empty() : Optional.of(new ArchiveBatch(partition, left));
    }
}
