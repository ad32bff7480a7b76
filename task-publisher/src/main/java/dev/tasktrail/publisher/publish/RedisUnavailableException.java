package dev.tasktrail.publisher.publish;

/**
 * Redis did not confirm the write (down, timing out or refusing it). After a timeout the script may still have
 * run, so the client retries with the same eventIds and gets each event exactly once.
 */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(Throwable cause) {
        super("Redis could not be written: " + cause.getMessage(), cause);
    }
}
