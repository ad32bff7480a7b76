package dev.tasktrail.dashboard.snapshot;

/** Redis did not answer a read; the dashboard answers 503 {@code {"error":"redis_unavailable"}}. */
public class RedisUnavailableException extends RuntimeException {

    RedisUnavailableException(Throwable cause) {
        super("Redis read failed: " + cause.getMessage(), cause);
    }
}
