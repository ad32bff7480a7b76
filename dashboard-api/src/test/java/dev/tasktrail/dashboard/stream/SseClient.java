package dev.tasktrail.dashboard.stream;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.model.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client over real HTTP for tests: parses the {@code text/event-stream} format (fields
 * {@code id}, {@code event}, {@code data}, {@code retry}; a blank line ends a message) on a thread of its own and
 * keeps every message with the time it arrived.
 */
final class SseClient implements AutoCloseable {

    /** One message as received. */
    record Message(String id, String event, String data, Instant receivedAt) {
        JsonNode json() {
            return Json.parse(data);
        }
    }

    private final HttpResponse<InputStream> response;
    private final List<Message> messages = new CopyOnWriteArrayList<>();
    private final List<Long> retries = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        if (response.statusCode() == 200) {
            reader.start();
        }
    }

    /** Opens {@code uri} with the given headers; the body is read in the background when the status is 200. */
    static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().header("Accept", "text/event-stream");
        headers.forEach(request::header);
        try {
            return new SseClient(HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    int status() {
        return response.statusCode();
    }

    String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** The body of a response that is not a stream (an error). */
    String errorBody() {
        try (InputStream body = response.body()) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Message> messages() {
        return List.copyOf(messages);
    }

    List<Message> messages(String event) {
        return messages.stream().filter(message -> message.event().equals(event)).toList();
    }

    List<Long> retries() {
        return List.copyOf(retries);
    }

    /** Task updates received so far. */
    List<Message> updates() {
        return messages(SseFrames.TASK_STATUS_UPDATED);
    }

    List<String> updateIds() {
        return updates().stream().map(Message::id).toList();
    }

    /** Waits until {@code count} task updates have arrived and returns them. */
    List<Message> awaitUpdates(int count) {
        await().atMost(Duration.ofSeconds(20)).until(() -> updates().size() >= count);
        return updates();
    }

    Message awaitMessage(Predicate<Message> matching) {
        await().atMost(Duration.ofSeconds(20)).until(() -> messages.stream().anyMatch(matching));
        return messages.stream().filter(matching).findFirst().orElseThrow();
    }

    /** True once the server ended the response (or the connection broke). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        reader.interrupt();
        try {
            response.body().close();
        } catch (IOException ignored) {
            // closing a connection the server may have closed already
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = "message";
            List<String> data = new ArrayList<>();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        messages.add(new Message(id, event, String.join("\n", data), Instant.now()));
                    }
                    id = null;
                    event = "message";
                    data = new ArrayList<>();
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" -> data.add(value);
                        case "retry" -> retries.add(Long.parseLong(value));
                        default -> {
                            // unknown fields are ignored, as the SSE format says
                        }
                    }
                }
            }
        } catch (IOException e) {
            // the connection ended
        } finally {
            ended = true;
        }
    }
}
