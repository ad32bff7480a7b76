package dev.tasktrail.service;

import dev.tasktrail.model.RedisKeys;
import io.smallrye.config.WithDefault;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The Redis settings every service shares (SPEC §3), as a group of each service's {@code @ConfigMapping}
 * under {@code task.tracking.redis}: environment variables {@code TASK_TRACKING_REDIS_*}.
 */
public interface TrackingRedisConfig {

    /** {@code TASK_TRACKING_REDIS_URL}: {@code redis://host:port}. Required. */
    String url();

    /** {@code TASK_TRACKING_REDIS_STREAM_KEY}: the event stream. */
    @WithDefault(RedisKeys.DEFAULT_STREAM_KEY)
    String streamKey();

    /**
     * {@code TASK_TRACKING_REDIS_CONSUMER_NAME}: this replica's consumer name in consumer groups. Unset means
     * the host name, so every Kubernetes pod is a distinct consumer.
     */
    Optional<String> consumerName();

    /** The configured consumer name, else the host name. */
    static String consumerNameOrHostName(TrackingRedisConfig config) {
        return config.consumerName().filter(name -> !name.isBlank()).orElseGet(TrackingRedisConfig::hostName);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(
                    "cannot determine the host name; set TASK_TRACKING_REDIS_CONSUMER_NAME", e);
        }
    }
}
