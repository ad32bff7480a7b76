package dev.tasktrail.bench.snapshot;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One keep-alive HTTP/1.1 connection to the dashboard through the Vert.x HTTP client, awaited by the measuring thread:
 * the same machinery (a Vert.x event loop, one hand-off each way) as the raw baseline's Redis client, so the two
 * latencies differ by what the service does, not by how the harness waits for an answer.
 */
final class SnapshotClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true));
    /** Every request from one event loop, so the connection is used from the context that opened it. */
    private final Context context = vertx.getOrCreateContext();
    private final URI base;
    private final String authorization;

    SnapshotClient(URI base, String token) {
        this.base = base;
        this.authorization = "Bearer " + token;
    }

    /** The body of a 200 answer to {@code GET path}. */
    String get(String path) {
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(base.getHost())
                .setPort(base.getPort()).setURI(path).putHeader("Authorization", authorization);
        CompletableFuture<String> page = new CompletableFuture<>();
        context.runOnContext(ignored -> http.request(request)
                .compose(sent -> sent.send())
                .compose(response -> response.body().map(body -> {
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException("snapshot answered " + response.statusCode() + ": " + body);
                    }
                    return body.toString();
                }))
                .onComplete(answer -> {
                    if (answer.succeeded()) {
                        page.complete(answer.result());
                    } else {
                        page.completeExceptionally(answer.cause());
                    }
                }));
        try {
            return page.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + path, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        }
    }

    @Override
    public void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
