package dev.tasktrail.publisher.publish;

/** The stream could not be written (Redis down, timing out or refusing the write): the client should retry. */
public final class RedisUnavailableException extends RuntimeException {

    public RedisUnavailableException(Throwable cause) {
        super("Redis could not be written: " + cause.getMessage(), cause);
    }
}
