package dev.tasktrail.testing.s3;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Arrays;
import java.util.Map;

/**
 * Gives a Quarkus test class its own S3 server ({@link S3ProxyServer}) and points the service's
 * {@code quarkus.s3.*} client at it. Apply with
 * <pre>{@code
 * @WithTestResource(value = S3ProxyTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
 *         initArgs = @ResourceArg(name = S3ProxyTestResource.BUCKETS, value = "my-bucket,other-bucket"))
 * }</pre>
 * and receive the server in a field {@code @InjectS3Proxy S3ProxyServer s3} to put, read or list objects, or to
 * stop and restart it. The service needs the build-time settings {@code quarkus.s3.sync-client.type=url} and
 * {@code quarkus.s3.devservices.enabled=false}.
 */
public class S3ProxyTestResource implements QuarkusTestResourceLifecycleManager {

    /** Init argument: comma-separated buckets to create before the service starts. */
    public static final String BUCKETS = "buckets";

    private String[] buckets = new String[0];
    private S3ProxyServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        buckets = Arrays.stream(initArgs.getOrDefault(BUCKETS, "").split(","))
                .map(String::trim)
                .filter(bucket -> !bucket.isEmpty())
                .toArray(String[]::new);
    }

    @Override
    public Map<String, String> start() {
        server = S3ProxyServer.start();
        for (String bucket : buckets) {
            server.createBucket(bucket);
        }
        return server.quarkusConfig();
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server,
                new TestInjector.AnnotatedAndMatchesType(InjectS3Proxy.class, S3ProxyServer.class));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
