package dev.tasktrail.service.stream;

import dev.tasktrail.model.RedisKeys;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.impl.types.ErrorType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads raw Redis replies of the stream commands. The typed Quarkus stream API cannot represent entries that
 * were deleted while pending (history reads return them with a nil body), so the loop parses replies itself,
 * in both protocol versions: where RESP3 answers with a map, RESP2 answers with an array of alternating keys and
 * values (or, for XREADGROUP, of {@code [key, value]} pairs).
 */
public final class RedisReplies {

    private static final String CONNECTION_CLOSED = "CONNECTION_CLOSED";
    private static final Pattern BATCH_ERROR_LINE = Pattern.compile("ERR \\[\\d+] (.*)");

    private RedisReplies() {
    }

    /**
     * True when Redis answered a single command with an error reply ({@code WRONGTYPE ...}, {@code NOSCRIPT ...}, a
     * Lua error), as opposed to a connection failure, after which the outcome of the command is unknown. (A failed
     * pipeline reports all its failures in one message and cannot be classified reliably.)
     */
    public static boolean isErrorReply(Throwable failure) {
        // The client reports both kinds as ErrorType; a closed connection is the one it makes up itself.
        return failure instanceof ErrorType && !CONNECTION_CLOSED.equals(failure.getMessage());
    }

    /**
     * The error replies in a failure: one for a single command; for a pipeline the client joins those of its
     * failed commands into one message, a line {@code ERR [index] reply} each.
     */
    static List<String> errorReplies(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return List.of();
        }
        return message.lines()
                .map(line -> {
                    Matcher batchLine = BATCH_ERROR_LINE.matcher(line);
                    return batchLine.matches() ? batchLine.group(1) : line;
                })
                .toList();
    }

    /** One entry as read: {@code event} is null when the entry has no such field, {@code deleted} when trimmed. */
    public record RawEntry(String id, boolean deleted, String event) {
    }

    /**
     * The entries of an {@code XREADGROUP} or {@code XREAD} reply for one stream (same shape); empty for a nil reply
     * (BLOCK timed out).
     */
    public static List<RawEntry> readEntries(Response reply) {
        if (reply == null) {
            return List.of();
        }
        if (reply.isMap()) { // RESP3: {key: entries}
            return reply.getKeys().stream().findFirst().map(key -> entries(reply.get(key))).orElse(List.of());
        }
        return reply.size() == 0 ? List.of() : entries(reply.get(0).get(1)); // RESP2: [[key, entries]]
    }

    /** {@code [[id, [field, value, ...] | nil], ...]} as returned by XRANGE, XREADGROUP, XCLAIM and XAUTOCLAIM. */
    public static List<RawEntry> entries(Response list) {
        if (list == null) {
            return List.of();
        }
        List<RawEntry> entries = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Response entry = list.get(i);
            String id = entry.get(0).toString();
            Response fields = entry.size() > 1 ? entry.get(1) : null;
            if (fields == null) {
                entries.add(new RawEntry(id, true, null));
            } else {
                entries.add(new RawEntry(id, false, field(fields, RedisKeys.EVENT_FIELD)));
            }
        }
        return entries;
    }

    /** The value of {@code name} in a map reply (RESP3) or {@code [field, value, ...]} array (RESP2), or null. */
    static String field(Response fields, String name) {
        Response value = fields(fields).get(name);
        return value == null ? null : value.toString();
    }

    /** A map reply (RESP3) or {@code [field, value, ...]} array (RESP2), as a map of its non-nil values. */
    public static Map<String, Response> fields(Response reply) {
        Map<String, Response> fields = new HashMap<>();
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                Response value = reply.get(key);
                if (value != null) {
                    fields.put(key, value);
                }
            }
            return fields;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            Response value = reply.get(i + 1);
            if (value != null) {
                fields.put(reply.get(i).toString(), value);
            }
        }
        return fields;
    }
}
