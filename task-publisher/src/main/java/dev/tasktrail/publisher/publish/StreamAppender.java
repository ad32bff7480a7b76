package dev.tasktrail.publisher.publish;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.publisher.config.PublisherConfig;
import dev.tasktrail.publisher.metrics.PublisherMetrics;
import dev.tasktrail.service.stream.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Appends events to the stream with one Lua script per request, whatever the number of events: for each event
 * the script returns the entry its {@code eventId} was published as, or appends it ({@code XADD}, field
 * {@code event}) and records the new entry id under {@link RedisKeys#publishedEvent} for the retention. Being
 * one script, the check and the append are atomic across concurrent requests and publisher replicas, so an
 * {@code eventId} is appended at most once while its record lives; and a call writes all of its events or none
 * (a call that timed out on the client may still have written them all, so callers retry with the same ids).
 *
 * <p>The script is sent by its SHA-1 ({@link LuaScript}): loaded again when Redis does not know it (first call,
 * restart, {@code SCRIPT FLUSH}); a call that met {@code NOSCRIPT} ran nothing, so repeating it is safe.
 */
@ApplicationScoped
public class StreamAppender {

    static final LuaScript SCRIPT = LuaScript.of("publish-events", """
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
            """);

    private static final Logger LOG = Logger.getLogger(StreamAppender.class);

    private final Redis redis;
    private final PublisherMetrics metrics;
    private final String streamKey;
    private final String retentionMillis;

    StreamAppender(Redis redis, PublisherMetrics metrics, PublisherConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.streamKey = config.tracking().redis().streamKey();
        this.retentionMillis = Long.toString(config.publisher().idempotencyRetention().toMillis());
    }

    /**
     * Appends each event (its {@code eventId} and canonical JSON) unless already published, in one round trip.
     *
     * @return one result per event, in order
     * @throws RedisUnavailableException (as the failure) when Redis did not confirm the write: nothing was written,
     *     or, after a client-side timeout, possibly all of it
     */
    public Uni<List<Appended>> append(List<String> eventIds, List<String> eventJsons) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<String> keys = new ArrayList<>(1 + eventIds.size());
        keys.add(streamKey);
        eventIds.forEach(eventId -> keys.add(RedisKeys.publishedEvent(eventId)));
        List<String> args = new ArrayList<>(2 + eventJsons.size());
        args.add(retentionMillis);
        args.add(RedisKeys.EVENT_FIELD);
        args.addAll(eventJsons);

        long start = System.nanoTime();
        return SCRIPT.call(redis, keys, args)
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

    private static List<Appended> results(Response response) {
        List<Appended> results = new ArrayList<>(response.size());
        for (Response result : response) {
            results.add(new Appended(result.get(0).toString(), result.get(1).toInteger() == 1));
        }
        return results;
    }
}
