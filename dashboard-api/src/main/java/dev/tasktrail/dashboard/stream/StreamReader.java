package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.dashboard.stream.TaskStreamHub.TaskEntry;
import dev.tasktrail.model.DecodeResult;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.service.stream.RedisReplies;
import dev.tasktrail.service.stream.RedisReplies.RawEntry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads ranges of the stream for resumes and for the tailer's start, and tells whether a range is complete: whether
 * the stream still holds every entry after a position, judged from what Redis 7 records about removed entries
 * ({@link Retention}).
 */
final class StreamReader {

    private final Redis redis;
    private final String streamKey;

    StreamReader(Redis redis, String streamKey) {
        this.redis = redis;
        this.streamKey = streamKey;
    }

    static StreamReader of(Redis redis, DashboardConfig config) {
        return new StreamReader(redis, config.tracking().redis().streamKey());
    }

    /**
     * The entries after {@code after}, oldest first, or empty when more than {@code max} follow it or some entry after
     * it is no longer in the stream (trimmed): then the range cannot be replayed.
     */
    Uni<Optional<Range>> after(StreamEntryId after, int max) {
        // Read first, then check for deletions: a trim between the two can only make the answer more cautious.
        return redis.send(Request.cmd(Command.XRANGE).arg(streamKey).arg("(" + after).arg("+").arg("COUNT").arg(max + 1))
                .map(RedisReplies::entries)
                .flatMap(entries -> entries.size() > max
                        ? Uni.createFrom().item(Optional.<Range>empty())
                        : holdsEverythingAfter(after).map(complete -> complete
                                ? Optional.of(new Range(decode(entries), lastId(entries, after), after))
                                : Optional.empty()));
    }

    /**
     * The newest {@code count} entries, oldest first, and the position after which the stream has nothing that is
     * not among them.
     */
    Uni<Range> newest(int count) {
        return redis.send(Request.cmd(Command.XREVRANGE).arg(streamKey).arg("+").arg("-").arg("COUNT").arg(count + 1))
                .map(RedisReplies::entries)
                .flatMap(newestFirst -> {
                    List<RawEntry> oldestFirst = new ArrayList<>(newestFirst.subList(0, Math.min(count, newestFirst.size())));
                    Collections.reverse(oldestFirst);
                    StreamEntryId upTo = newestFirst.isEmpty() ? null : StreamEntryId.parse(newestFirst.get(0).id());
                    if (newestFirst.size() > count) {
                        // The extra entry is the one before the window: everything after it is in the window.
                        StreamEntryId before = StreamEntryId.parse(newestFirst.get(count).id());
                        return Uni.createFrom().item(new Range(decode(oldestFirst), upTo, before));
                    }
                    return retention().map(retention -> new Range(decode(oldestFirst),
                            upTo == null ? retention.lastGenerated() : upTo, retention.firstCompletePosition()));
                });
    }

    /** Blocks up to {@code blockMillis} for entries after {@code after}; empty when none came. */
    Uni<List<RawEntry>> next(StreamEntryId after, int count, long blockMillis) {
        return redis.send(Request.cmd(Command.XREAD).arg("COUNT").arg(count).arg("BLOCK").arg(blockMillis)
                        .arg("STREAMS").arg(streamKey).arg(after.toString()))
                .map(RedisReplies::readEntries);
    }

    private Uni<Boolean> holdsEverythingAfter(StreamEntryId after) {
        return retention().map(retention -> !retention.firstCompletePosition().isAfter(after));
    }

    /** What the stream lost to trimming and deletion; nothing for a stream that does not exist. */
    private Uni<Retention> retention() {
        return redis.send(Request.cmd(Command.EXISTS).arg(streamKey)).flatMap(exists -> exists.toInteger() == 0
                ? Uni.createFrom().item(Retention.NOTHING_REMOVED)
                : redis.send(Request.cmd(Command.XINFO).arg("STREAM").arg(streamKey)).map(Retention::of));
    }

    /**
     * From {@code XINFO STREAM} (Redis 7): {@code entries-added} minus {@code length} entries were removed; trimming
     * removes the oldest (all before {@code recorded-first-entry-id}), {@code XDEL} any (none after
     * {@code max-deleted-entry-id}).
     */
    record Retention(long removed, long length, StreamEntryId firstEntry, StreamEntryId maxDeleted,
            StreamEntryId lastGenerated) {

        static final Retention NOTHING_REMOVED = new Retention(0, 0, StreamEntryId.ZERO, StreamEntryId.ZERO,
                StreamEntryId.ZERO);

        static Retention of(Response info) {
            Map<String, Response> fields = RedisReplies.fields(info);
            long length = number(fields, "length");
            return new Retention(number(fields, "entries-added") - length, length,
                    id(fields, "recorded-first-entry-id"), id(fields, "max-deleted-entry-id"),
                    id(fields, "last-generated-id"));
        }

        /**
         * The oldest position after which the stream still holds every entry ever added. Conservative: a cursor just
         * before the first entry left after trimming counts as incomplete, as Redis cannot tell whether entries were
         * trimmed between the two.
         */
        StreamEntryId firstCompletePosition() {
            if (removed == 0) {
                return StreamEntryId.ZERO;
            }
            StreamEntryId afterTrimming = length == 0 ? lastGenerated : firstEntry;
            return afterTrimming.isAfter(maxDeleted) ? afterTrimming : maxDeleted;
        }

        private static long number(Map<String, Response> fields, String name) {
            return required(fields, name).toLong();
        }

        private static StreamEntryId id(Map<String, Response> fields, String name) {
            return StreamEntryId.parse(required(fields, name).toString());
        }

        private static Response required(Map<String, Response> fields, String name) {
            Response value = fields.get(name);
            if (value == null) {
                throw new IllegalStateException("XINFO STREAM has no " + name + ": the dashboard needs Redis 7 or later");
            }
            return value;
        }
    }

    static List<TaskEntry> decode(List<RawEntry> entries) {
        List<TaskEntry> decoded = new ArrayList<>(entries.size());
        for (RawEntry entry : entries) {
            decode(entry).ifPresent(decoded::add);
        }
        return decoded;
    }

    /** Entries that are not valid events are skipped (the projector dead-letters them; dashboards never show them). */
    private static Optional<TaskEntry> decode(RawEntry entry) {
        if (entry.deleted() || entry.event() == null) {
            return Optional.empty();
        }
        DecodeResult result = TaskEventCodec.decode(entry.event());
        StreamEntryId id = StreamEntryId.parse(entry.id());
        return result.event().map(event -> new TaskEntry(id, TaskItem.fromEvent(event, id)));
    }

    static StreamEntryId lastId(List<RawEntry> entries, StreamEntryId otherwise) {
        return entries.isEmpty() ? otherwise : StreamEntryId.parse(entries.get(entries.size() - 1).id());
    }

    /**
     * Entries of the stream.
     *
     * @param entries the valid task events among them, oldest first
     * @param upTo the last entry read (valid or not)
     * @param coveredFrom every stream entry after this and up to {@code upTo} was read
     */
    record Range(List<TaskEntry> entries, StreamEntryId upTo, StreamEntryId coveredFrom) {
    }
}
