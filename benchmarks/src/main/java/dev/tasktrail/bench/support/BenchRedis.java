package dev.tasktrail.bench.support;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One Redis connection of the harness, through the Vert.x Redis client the services use (Mutiny API, awaited): the
 * baselines then send byte for byte the requests the services send, and no second Redis client joins the build.
 * One connection, so "pipelined from one client" is literal.
 */
public final class BenchRedis implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(2);

    private final Vertx vertx;
    private final Redis client;
    private final RedisConnection connection;

    private BenchRedis(Vertx vertx, Redis client, RedisConnection connection) {
        this.vertx = vertx;
        this.client = client;
        this.connection = connection;
    }

    public static BenchRedis connect(String url) {
        Vertx vertx = Vertx.vertx();
        // RESP2 keeps replies plain arrays (XINFO as field/value pairs) whatever the server prefers.
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(url)
                .setPreferredProtocolVersion(ProtocolVersion.RESP2).setMaxWaitingHandlers(100_000));
        return new BenchRedis(vertx, client, client.connect().await().atMost(REPLY_TIMEOUT));
    }

    public Response send(Request request) {
        return connection.send(request).await().atMost(REPLY_TIMEOUT);
    }

    /** Sends the requests in one pipeline (one round trip); fails with the first error reply. */
    public List<Response> pipeline(List<Request> requests) {
        return connection.batch(requests).await().atMost(REPLY_TIMEOUT);
    }

    public void flushAll() {
        send(Request.cmd(Command.FLUSHALL));
    }

    /**
     * Appends {@code count} events with {@code XADD stream * event <json>}, pipelined {@code pipelineSize} at a time.
     */
    public void append(String stream, int count, IntFunction<String> json, int pipelineSize) {
        List<Request> requests = new ArrayList<>(pipelineSize);
        for (int i = 0; i < count; i++) {
            requests.add(xadd(stream, json.apply(i)));
            if (requests.size() == pipelineSize || i == count - 1) {
                pipeline(requests);
                requests.clear();
            }
        }
    }

    public static Request xadd(String stream, String json) {
        return Request.cmd(Command.XADD).arg(stream).arg("*").arg("event").arg(json);
    }

    public long streamLength(String stream) {
        return send(Request.cmd(Command.XLEN).arg(stream)).toLong();
    }

    /** A consumer group's progress ({@code XINFO GROUPS}); empty while the stream or the group does not exist. */
    public Optional<GroupProgress> group(String stream, String group) {
        Response groups;
        try {
            groups = send(Request.cmd(Command.XINFO).arg("GROUPS").arg(stream));
        } catch (RuntimeException noStream) {
            return Optional.empty();
        }
        for (Response info : groups) {
            String name = null;
            long pending = 0;
            Long entriesRead = null;
            Long lag = null;
            for (int i = 0; i + 1 < info.size(); i += 2) {
                String field = info.get(i).toString();
                Response value = info.get(i + 1);
                switch (field) {
                    case "name" -> name = value.toString();
                    case "pending" -> pending = value.toLong();
                    case "entries-read" -> entriesRead = value == null ? null : value.toLong();
                    case "lag" -> lag = value == null ? null : value.toLong();
                    default -> {
                    }
                }
            }
            if (group.equals(name)) {
                return Optional.of(new GroupProgress(pending, entriesRead, lag));
            }
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        connection.close().await().atMost(REPLY_TIMEOUT);
        client.close();
        vertx.close().await().atMost(REPLY_TIMEOUT);
    }

    /**
     * @param pending delivered, not yet acknowledged
     * @param entriesRead entries delivered to the group so far; null when Redis cannot tell
     * @param lag entries not yet delivered; null when Redis cannot tell
     */
    public record GroupProgress(long pending, Long entriesRead, Long lag) {

        /** Every entry of the stream delivered and acknowledged. */
        public boolean settled(long streamLength) {
            return pending == 0 && entriesRead != null && entriesRead >= streamLength && (lag == null || lag == 0);
        }

        /** Entries delivered and acknowledged. */
        public long acknowledged() {
            return entriesRead == null ? 0 : entriesRead - pending;
        }
    }
}
