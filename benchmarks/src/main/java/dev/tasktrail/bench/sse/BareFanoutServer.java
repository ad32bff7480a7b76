package dev.tasktrail.bench.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.Context;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fan-out baseline of {@link SseFanoutBenchmark}: the least a JVM server on the dashboard's HTTP stack (Vert.x on
 * Netty, as many event loops as Quarkus starts) can do to deliver the stream as Server-Sent Events. Every request gets
 * a {@code text/event-stream} response that stays open; one {@code XREAD BLOCK} loop reads the stream and writes each
 * entry, encoded once as {@code id}, {@code event} and the entry's JSON as {@code data}, to every open response on
 * that response's event loop. No authentication, filters, visibility, ordering, replay, per-client buffers or
 * metrics: what is left is the cost of the writes themselves. {@code /q/health/ready} answers 200 once it listens.
 *
 * <p>Arguments: the HTTP port, the Redis URL, the stream key.
 */
public final class BareFanoutServer {

    private static final String UPDATE_EVENT = "task_status_updated";
    private static final int BLOCK_MILLIS = 1000;

    private BareFanoutServer() {
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        String redisUrl = args[1];
        String stream = args[2];
        // Quarkus' default: two event loops per core, each serving its share of the connections.
        int eventLoops = 2 * Runtime.getRuntime().availableProcessors();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(eventLoops));
        Map<Context, List<HttpServerResponse>> streamsByLoop = new ConcurrentHashMap<>();
        vertx.deployVerticle(() -> new HttpVerticle(port, streamsByLoop), new DeploymentOptions().setInstances(eventLoops))
                .onFailure(failure -> {
                    failure.printStackTrace();
                    System.exit(1);
                })
                .onSuccess(deployed -> {
                    Redis redis = Redis.createClient(vertx, new RedisOptions().setConnectionString(redisUrl)
                            .setPreferredProtocolVersion(ProtocolVersion.RESP2));
                    tail(redis, stream, "$", streamsByLoop);
                    System.out.println("listening on " + port);
                });
    }

    /** Reads after {@code lastId} forever; each entry is encoded once and written to every open stream. */
    private static void tail(Redis redis, String stream, String lastId, Map<Context, List<HttpServerResponse>> streamsByLoop) {
        redis.send(Request.cmd(Command.XREAD).arg("BLOCK").arg(BLOCK_MILLIS).arg("STREAMS").arg(stream).arg(lastId))
                .onComplete(read -> {
                    String next = lastId;
                    if (read.failed()) {
                        read.cause().printStackTrace();
                    } else if (read.result() != null) {
                        Response entries = read.result().get(0).get(1);
                        for (Response entry : entries) {
                            next = entry.get(0).toString();
                            ByteBuf frame = frame(next, entry.get(1).get(1).toString());
                            streamsByLoop.forEach((loop, streams) -> loop.runOnContext(ignored -> {
                                for (HttpServerResponse response : streams) {
                                    response.write(Buffer.buffer(frame.duplicate()));
                                }
                            }));
                        }
                    }
                    tail(redis, stream, next, streamsByLoop);
                });
    }

    /** As the dashboard's frames: off-heap, never released, written to every client as a duplicate. */
    private static ByteBuf frame(String id, String json) {
        byte[] message = ("id: " + id + "\nevent: " + UPDATE_EVENT + "\ndata: " + json + "\n\n")
                .getBytes(StandardCharsets.UTF_8);
        return Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(ByteBuffer.allocateDirect(message.length).put(message).flip()));
    }

    /** One per event loop: the streams it accepted are written on it only, so their list needs no lock. */
    private static final class HttpVerticle extends AbstractVerticle {

        private final int port;
        private final Map<Context, List<HttpServerResponse>> streamsByLoop;

        HttpVerticle(int port, Map<Context, List<HttpServerResponse>> streamsByLoop) {
            this.port = port;
            this.streamsByLoop = streamsByLoop;
        }

        @Override
        public void start(Promise<Void> started) {
            List<HttpServerResponse> streams = new ArrayList<>();
            streamsByLoop.put(context, streams);
            vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(port))
                    .requestHandler(request -> {
                        HttpServerResponse response = request.response();
                        if (request.path().equals("/q/health/ready")) {
                            response.end("{\"status\":\"UP\"}");
                            return;
                        }
                        response.setChunked(true).putHeader("Content-Type", "text/event-stream")
                                .putHeader("Cache-Control", "no-cache").write("retry: 3000\n\n");
                        streams.add(response);
                        response.closeHandler(closed -> streams.remove(response));
                    })
                    .listen()
                    .<Void>mapEmpty()
                    .onComplete(started);
        }
    }
}
