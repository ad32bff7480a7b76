package dev.tasktrail.publisher.publish;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.publisher.metrics.PublisherMetrics;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Appends events to the stream with one Lua script per request, whatever the number of events: for each event
 * the script returns the entry its {@code eventId} was published as, or appends it ({@code XADD}, field
 * {@code event}) and records the new entry id under {@link RedisKeys#publishedEvent} for the retention. Being
 * one script, the check and the append are atomic across concurrent requests and publisher replicas, so an
 * {@code eventId} is appended at most once while its record lives; and a failed call has written nothing.
 *
 * <p>The script is sent by its SHA-1 ({@code EVALSHA}); when Redis does not know it yet (first call, restart,
 * {@code SCRIPT FLUSH}) it is sent once in full with {@code EVAL}, which also caches it.
 */
@ApplicationScoped
public class StreamAppender {

    static final String SCRIPT = """
            -- KEYS[1]: the stream; KEYS[2..n]: the idempotency record of each event.
            -- ARGV[1]: record retention in ms; ARGV[2]: the entry's field name; ARGV[3..n+1]: each event's JSON.
            -- Returns {streamId, seenBefore} per event, in order.
            local results = {}
            for i = 2, #KEYS do
              local streamId = redis.call('GET', KEYS[i])
              if streamId then
                results[i - 1] = { streamId, 1 }
              else
                streamId = redis.call('XADD', KEYS[1], '*', ARGV[2], ARGV[i + 1])
                redis.call('SET', KEYS[i], streamId, 'PX', ARGV[1])
                results[i - 1] = { streamId, 0 }
              end
            end
            return results
            """;
    static final String SCRIPT_SHA = sha1Hex(SCRIPT);

    private static final Logger LOG = Logger.getLogger(StreamAppender.class);

    private final ReactiveRedisDataSource redis;
    private final PublisherMetrics metrics;
    private final String streamKey;
    private final String retentionMillis;

    StreamAppender(ReactiveRedisDataSource redis, PublisherMetrics metrics, PublisherConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.streamKey = config.tracking().redis().streamKey();
        this.retentionMillis = Long.toString(config.publisher().idempotencyRetention().toMillis());
    }

    /**
     * Appends each event (its {@code eventId} and canonical JSON) unless already published, in one round trip.
     *
     * @return one result per event, in order
     * @throws RedisUnavailableException (as the failure) when Redis could not be written; then nothing was written
     */
    public Uni<List<Appended>> append(List<String> eventIds, List<String> eventJsons) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> arguments = new ArrayList<>(3 + 2 * eventIds.size());
        arguments.add(Integer.toString(1 + eventIds.size()));
        arguments.add(streamKey);
        eventIds.forEach(eventId -> arguments.add(RedisKeys.publishedEvent(eventId)));
        arguments.add(retentionMillis);
        arguments.add(RedisKeys.EVENT_FIELD);
        arguments.addAll(eventJsons);

        long start = System.nanoTime();
        return evaluate(arguments)
                .onFailure().transform(failure -> {
                    metrics.redisRoundTrip(start, false);
                    LOG.warnf("Publishing %d events failed: %s", eventIds.size(), failure.getMessage());
                    return new RedisUnavailableException(failure);
                })
                .onItem().transform(response -> {
                    metrics.redisRoundTrip(start, true);
                    return results(response);
                });
    }

    private Uni<Response> evaluate(List<String> arguments) {
        return redis.execute("EVALSHA", withFirst(SCRIPT_SHA, arguments))
                .onFailure(StreamAppender::isUnknownScript)
                .recoverWithUni(() -> redis.execute("EVAL", withFirst(SCRIPT, arguments)));
    }

    private static List<Appended> results(Response response) {
        List<Appended> results = new ArrayList<>(response.size());
        for (Response result : response) {
            results.add(new Appended(result.get(0).toString(), result.get(1).toInteger() == 1));
        }
        return results;
    }

    private static boolean isUnknownScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static String[] withFirst(String first, List<String> rest) {
        String[] arguments = new String[rest.size() + 1];
        arguments[0] = first;
        for (int i = 0; i < rest.size(); i++) {
            arguments[i + 1] = rest.get(i);
        }
        return arguments;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }
}
