package dev.tasktrail.publisher.publish;

/** A batch request that is not {@code {"events": [...]}} with at most {@link EventPublisher#MAX_BATCH_SIZE} items. */
public final class InvalidBatchException extends RuntimeException {

    public InvalidBatchException(String message) {
        super(message);
    }
}
