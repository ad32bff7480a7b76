package dev.tasktrail.service.stream;

import dev.tasktrail.model.Actor;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.testing.RedisServer;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.RedisOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A real Redis, a Vert.x Redis client on it, and the few commands the loop tests need to set the scene. */
final class RedisFixture implements AutoCloseable {

    final RedisServer server;
    final Vertx vertx;
    final Redis redis;

    RedisFixture() {
        server = RedisServer.start();
        vertx = Vertx.vertx();
        redis = Redis.createClient(vertx, new RedisOptions()
                .setConnectionString(server.url())
                .setMaxPoolSize(8)
                .setMaxPoolWaiting(64));
    }

    Response send(String command, Object... args) {
        Request request = Request.cmd(Command.create(command));
        for (Object arg : args) {
            request.arg(String.valueOf(arg));
        }
        return redis.send(request).await().indefinitely();
    }

    /** Appends an entry with the given fields; returns its id. */
    String xadd(String stream, String... fieldsAndValues) {
        Object[] args = new Object[fieldsAndValues.length + 2];
        args[0] = stream;
        args[1] = "*";
        System.arraycopy(fieldsAndValues, 0, args, 2, fieldsAndValues.length);
        return send("XADD", args).toString();
    }

    String xaddEvent(String stream, String json) {
        return xadd(stream, RedisKeys.EVENT_FIELD, json);
    }

    /** Appends {@code count} valid events; returns their ids in order. */
    List<String> xaddEvents(String stream, int count) {
        List<String> ids = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ids.add(xaddEvent(stream, validEvent("exec-" + i)));
        }
        return ids;
    }

    static String validEvent(String executionId) {
        return TaskEventCodec.encode(new TaskEvent(UUID.randomUUID().toString(), executionId, "Build",
                TaskStatus.IN_PROGRESS, "acme/rocket", Instant.parse("2026-03-15T10:00:00.123Z"), null,
                new Actor("github", "octocat"), List.of(), null, null, TaskEvent.SCHEMA_VERSION));
    }

    void createGroup(String stream, String group) {
        send("XGROUP", "CREATE", stream, group, "0", "MKSTREAM");
    }

    /** Reads as {@code consumer} without acknowledging: the entries become pending for it. */
    int readAs(String stream, String group, String consumer, int count) {
        Response reply = send("XREADGROUP", "GROUP", group, consumer, "COUNT", count, "STREAMS", stream, ">");
        return RedisReplies.readEntries(reply).size();
    }

    /** Pending entry ids of the group, per consumer. */
    Map<String, List<String>> pendingByConsumer(String stream, String group) {
        Response reply = send("XPENDING", stream, group, "-", "+", 10_000);
        Map<String, List<String>> pending = new HashMap<>();
        for (int i = 0; i < reply.size(); i++) {
            Response entry = reply.get(i);
            pending.computeIfAbsent(entry.get(1).toString(), consumer -> new ArrayList<>()).add(entry.get(0).toString());
        }
        return pending;
    }

    int pendingCount(String stream, String group) {
        return send("XPENDING", stream, group).get(0).toInteger();
    }

    /** Delivery count of one pending entry, 0 when it is not pending. */
    int deliveries(String stream, String group, String id) {
        Response reply = send("XPENDING", stream, group, id, id, 1);
        return reply.size() == 0 ? 0 : reply.get(0).get(3).toInteger();
    }

    /** The dead-letter stream as a list of field maps. */
    List<Map<String, String>> deadLetters(String stream) {
        Response reply = send("XRANGE", RedisKeys.deadLetterStream(stream), "-", "+");
        List<Map<String, String>> entries = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            Map<String, String> entry = new HashMap<>();
            RedisReplies.fields(reply.get(i).get(1)).forEach((field, value) -> entry.put(field, value.toString()));
            entries.add(entry);
        }
        return entries;
    }

    List<String> consumers(String stream, String group) {
        Response reply = send("XINFO", "CONSUMERS", stream, group);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < reply.size(); i++) {
            names.add(RedisReplies.field(reply.get(i), "name"));
        }
        return names;
    }

    @Override
    public void close() {
        redis.close();
        vertx.closeAndAwait();
        server.close();
    }
}
