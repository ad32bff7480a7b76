package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.StreamEntryId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Where objects go (SPEC §4): {@code {prefix}/{project}/{YYYY-MM-DD}/events-{timestamp}-{suffix}.jsonl}.
 *
 * <p>The name is a pure function of the stream entries the object holds: {@code timestamp} is the millisecond part
 * of the first entry id (so a day's objects list in stream order) and {@code suffix} the first 64 bits of the
 * SHA-256 of the first id, the last id and the number of entries. Writing the same entries again therefore
 * targets the same key, and a conditional put turns the second write into "already stored". Two different batches
 * never share a first entry (an entry is sealed into one batch only, see {@code SealStore}), so two names can only
 * meet through a 64-bit hash collision between batches that start in the same millisecond.
 */
public final class ArchiveLayout {

    private static final HexFormat HEX = HexFormat.of();
    private static final int SUFFIX_BYTES = 8;

    private final String prefix;

    /** @param prefix {@code TASK_TRACKING_S3_PREFIX}; slashes around it are ignored, empty means the bucket root */
    public ArchiveLayout(String prefix) {
        String trimmed = prefix.strip().replaceAll("^/+|/+$", "");
        this.prefix = trimmed.isEmpty() ? "" : trimmed + "/";
    }

    /** The folder of a partition, ending with {@code /}: list it to read a project's day. */
    public String folder(ArchivePartition partition) {
        return prefix + partition.project() + "/" + partition.day() + "/";
    }

    /**
     * @param members the entry ids of the object in stream order, not empty
     */
    public String objectKey(ArchivePartition partition, List<StreamEntryId> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("an archive object holds at least one entry");
        }
        StreamEntryId first = members.get(0);
        StreamEntryId last = members.get(members.size() - 1);
        return folder(partition) + "events-" + first.millis() + "-" + suffix(first, last, members.size()) + ".jsonl";
    }

    private static String suffix(StreamEntryId first, StreamEntryId last, int count) {
        byte[] digest = sha256(first + "\n" + last + "\n" + count);
        return HEX.formatHex(digest, 0, SUFFIX_BYTES);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
