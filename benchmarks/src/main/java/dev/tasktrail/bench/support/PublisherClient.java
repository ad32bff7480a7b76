package dev.tasktrail.bench.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Posts events to a task-publisher (docs/publishing.md) with the JDK's HTTP client (HTTP/1.1, keep-alive: one
 * pooled connection per concurrent request), checking every answer.
 */
public final class PublisherClient {

    private static final Pattern STREAM_ID = Pattern.compile("\"streamId\"\\s*:\\s*\"([0-9]+-[0-9]+)\"");
    private static final Pattern ACCEPTED = Pattern.compile("\"accepted\"\\s*:\\s*([0-9]+)");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI single;
    private final URI batch;
    private final String authorization;

    public PublisherClient(ServiceProcess publisher, String apiKey) {
        this.single = publisher.uri("/v1/events");
        this.batch = publisher.uri("/v1/events/batch");
        this.authorization = "Bearer " + apiKey;
    }

    /** Publishes one event; returns its stream entry id. */
    public String publish(String json) throws IOException, InterruptedException {
        return streamId(http.send(request(single, json), HttpResponse.BodyHandlers.ofString()));
    }

    /** Publishes one event without waiting; the future completes with its stream entry id. */
    public CompletableFuture<String> publishAsync(String json) {
        return http.sendAsync(request(single, json), HttpResponse.BodyHandlers.ofString()).thenApply(PublisherClient::streamId);
    }

    /** Publishes a batch without waiting; the future completes with the stream entry ids, in order. */
    public CompletableFuture<List<String>> publishBatchAsync(List<String> jsons) {
        return http.sendAsync(request(batch, "{\"events\":[" + String.join(",", jsons) + "]}"),
                HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
                    List<String> ids = STREAM_ID.matcher(response.body()).results().map(found -> found.group(1)).toList();
                    if (response.statusCode() != 200 || ids.size() != jsons.size() || response.body().contains("\"duplicate\":true")) {
                        throw new IllegalStateException("batch of " + jsons.size() + " answered " + response.statusCode()
                                + ": " + abbreviate(response.body()));
                    }
                    return ids;
                });
    }

    /** Publishes a batch; returns how many events it appended, failing unless all of them were. */
    public int publishBatch(List<String> jsons) throws IOException, InterruptedException {
        String body = "{\"events\":[" + String.join(",", jsons) + "]}";
        HttpResponse<String> response = http.send(request(batch, body), HttpResponse.BodyHandlers.ofString());
        Matcher accepted = ACCEPTED.matcher(response.body());
        if (response.statusCode() != 200 || !accepted.find() || Integer.parseInt(accepted.group(1)) != jsons.size()) {
            throw new IllegalStateException("batch of " + jsons.size() + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return jsons.size();
    }

    private HttpRequest request(URI uri, String body) {
        return HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static String streamId(HttpResponse<String> response) {
        Matcher id = STREAM_ID.matcher(response.body());
        if (response.statusCode() != 202 || !id.find() || response.body().contains("\"duplicate\":true")) {
            throw new IllegalStateException("publish answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return id.group(1);
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
