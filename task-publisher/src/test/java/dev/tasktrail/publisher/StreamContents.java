package dev.tasktrail.publisher;

import dev.tasktrail.model.RedisKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamMessage;
import io.quarkus.redis.datasource.stream.StreamRange;
import java.util.List;

/** Reads what the publisher wrote, through the service's own Redis client. */
public final class StreamContents {

    private StreamContents() {
    }

    public static List<StreamMessage<String, String, String>> entries(RedisDataSource redis) {
        return redis.stream(String.class).xrange(RedisKeys.DEFAULT_STREAM_KEY, StreamRange.of("-", "+"));
    }

    public static long length(RedisDataSource redis) {
        return redis.stream(String.class).xlen(RedisKeys.DEFAULT_STREAM_KEY);
    }

    /** The event JSON of the entry {@code streamId}. */
    public static String event(RedisDataSource redis, String streamId) {
        return redis.stream(String.class)
                .xrange(RedisKeys.DEFAULT_STREAM_KEY, StreamRange.of(streamId, streamId))
                .get(0).payload().get(RedisKeys.EVENT_FIELD);
    }
}
