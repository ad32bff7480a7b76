package dev.tasktrail.projector;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import java.util.ArrayList;
import java.util.List;

/** Raw stream commands for tests, on the service's own Redis client. */
public final class StreamFixture {

    private StreamFixture() {
    }

    public static List<String> ids(RedisDataSource redis, String stream) {
        Response range = redis.execute("XRANGE", stream, "-", "+");
        List<String> ids = new ArrayList<>(range.size());
        for (int i = 0; i < range.size(); i++) {
            ids.add(range.get(i).get(0).toString());
        }
        return ids;
    }

    public static int pending(RedisDataSource redis, String stream, String group) {
        return redis.execute("XPENDING", stream, group).get(0).toInteger();
    }

    /** Entries of the stream not yet delivered to the group, or -1 while Redis cannot tell. */
    public static long lag(RedisDataSource redis, String stream, String group) {
        Response groups = redis.execute("XINFO", "GROUPS", stream);
        for (int i = 0; i < groups.size(); i++) {
            Response info = groups.get(i);
            if (group.equals(info.get("name").toString())) {
                Response lag = info.get("lag");
                return lag == null ? -1 : lag.toLong();
            }
        }
        throw new IllegalStateException("no group " + group);
    }

    /** Reads as {@code consumer} without acknowledging: the entries become pending for it. */
    public static List<String> readAs(RedisDataSource redis, String stream, String group, String consumer, int count) {
        Response reply = redis.execute("XREADGROUP", "GROUP", group, consumer, "COUNT", Integer.toString(count),
                "STREAMS", stream, ">");
        List<String> ids = new ArrayList<>();
        if (reply == null) {
            return ids;
        }
        Response entries = reply.isMap() ? reply.get(stream) : reply.get(0).get(1);
        for (int i = 0; i < entries.size(); i++) {
            ids.add(entries.get(i).get(0).toString());
        }
        return ids;
    }
}
