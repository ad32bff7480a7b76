package dev.tasktrail.dashboard.stream;

import dev.tasktrail.dashboard.ConnectionProxy;
import dev.tasktrail.testing.RedisTestResource;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * test-support's {@link RedisTestResource}, with the stream tailer's own Redis client ({@link StreamTailer#CLIENT})
 * connected through a {@link ConnectionProxy}: a test can cut the tailer off Redis while the rest of the service, and
 * the test itself, still reach it. A field of type {@code ConnectionProxy} in the test receives the proxy.
 */
public class TailerProxiedRedisResource extends RedisTestResource {

    private static final String REDIS_URL = "TASK_TRACKING_REDIS_URL";

    private ConnectionProxy tailerLink;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        URI redis = URI.create(config.get(REDIS_URL));
        tailerLink = ConnectionProxy.to(redis.getHost(), redis.getPort());
        config.put("quarkus.redis." + StreamTailer.CLIENT + ".hosts",
                "redis://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + tailerLink.port());
        return config;
    }

    @Override
    public void inject(TestInjector injector) {
        super.inject(injector);
        injector.injectIntoFields(tailerLink, new TestInjector.MatchesType(ConnectionProxy.class));
    }

    @Override
    public void stop() {
        if (tailerLink != null) {
            tailerLink.close();
        }
        super.stop();
    }
}
