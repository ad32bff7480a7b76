package dev.tasktrail.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Gives a Quarkus test class its own real Redis ({@link RedisServer}) and points the service at it through
 * {@code TASK_TRACKING_REDIS_URL}. Apply with
 * {@code @WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)};
 * a field {@code @InjectRedisServer RedisServer redis} receives the server (to stop and restart it).
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private RedisServer server;

    @Override
    public Map<String, String> start() {
        server = RedisServer.start();
        return Map.of(RedisServer.URL_VARIABLE, server.url());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectRedisServer.class, RedisServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
