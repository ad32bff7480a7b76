package dev.tasktrail.archiver;

import dev.tasktrail.model.RedisKeys;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The few Redis commands archiver tests use to publish and to look at the group, on any Vert.x Redis client. */
public final class RedisCommands {

    private final Redis redis;

    public RedisCommands(Redis redis) {
        this.redis = redis;
    }

    public Response send(String command, Object... args) {
        Request request = Request.cmd(Command.create(command));
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return redis.send(request).await().indefinitely();
    }

    /** Appends an entry whose {@code event} field is {@code json}; returns its id. */
    public String publish(String stream, String json) {
        return send("XADD", stream, "*", RedisKeys.EVENT_FIELD, json).toString();
    }

    /** Reads as {@code consumer} without acknowledging; returns the ids read. */
    public List<String> readAs(String stream, String group, String consumer, int count) {
        Response reply = send("XREADGROUP", "GROUP", group, consumer, "COUNT", count, "STREAMS", stream, ">");
        Response entries = reply.isMap() ? reply.get(stream) : reply.get(0).get(1);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ids.add(entries.get(i).get(0).toString());
        }
        return ids;
    }

    public void createGroup(String stream, String group) {
        send("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
    }

    /** Entries delivered to the group and not acknowledged. */
    public long pending(String stream, String group) {
        return send("XPENDING", stream, group).get(0).toLong();
    }

    /** XINFO GROUPS of the stream, by group name; empty when the stream does not exist. */
    public Map<String, Map<String, String>> groups(String stream) {
        if (send("EXISTS", stream).toInteger() == 0) {
            return Map.of();
        }
        Response reply = send("XINFO", "GROUPS", stream);
        Map<String, Map<String, String>> groups = new HashMap<>();
        for (int i = 0; i < reply.size(); i++) {
            Map<String, String> info = fields(reply.get(i));
            groups.put(info.get("name"), info);
        }
        return groups;
    }

    /** The dead-letter stream's entries as field maps. */
    public List<Map<String, String>> deadLetters(String stream) {
        Response reply = send("XRANGE", RedisKeys.deadLetterStream(stream), "-", "+");
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            entries.add(fields(reply.get(i).get(1)));
        }
        return entries;
    }

    public long hashLength(String key) {
        return send("HLEN", key).toLong();
    }

    private static Map<String, String> fields(Response reply) {
        Map<String, String> fields = new HashMap<>();
        if (reply.isMap()) {
            reply.getKeys().forEach(key -> fields.put(key, String.valueOf(reply.get(key))));
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                fields.put(reply.get(i).toString(), String.valueOf(reply.get(i + 1)));
            }
        }
        return fields;
    }
}
