package dev.tasktrail.service.stream;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a {@link StreamConsumerLoop} needs to know besides its Redis clients and handler. Services build it
 * with {@link #of(String, String, String, StreamConsumerConfig)}; tests use {@link #defaults} and the withers.
 *
 * @param streamKey the stream read
 * @param group the consumer group (created from the start of the stream when missing)
 * @param consumer this replica's name in the group; stable across restarts of the same replica, so it finds
 *     its own pending entries again (the host name in Kubernetes)
 * @param batchSize most entries per read
 * @param block how long a read waits for new entries
 * @param claimIdle idle time after which a pending entry is claimed from its consumer
 * @param claimInterval how often to look for entries to claim
 * @param maxDeliveries deliveries after which an entry is dead-lettered instead of handled again
 * @param retryMinBackoff first pause after a failure
 * @param retryMaxBackoff longest pause between attempts
 */
public record StreamConsumerSettings(
        String streamKey,
        String group,
        String consumer,
        int batchSize,
        Duration block,
        Duration claimIdle,
        Duration claimInterval,
        int maxDeliveries,
        Duration retryMinBackoff,
        Duration retryMaxBackoff) {

    static final String DEFAULT_BATCH_SIZE = "100";
    static final String DEFAULT_BLOCK = "PT2S";
    static final String DEFAULT_CLAIM_IDLE = "PT30S";
    static final String DEFAULT_CLAIM_INTERVAL = "PT5S";
    static final String DEFAULT_MAX_DELIVERIES = "5";
    static final String DEFAULT_RETRY_MIN_BACKOFF = "PT0.5S";
    static final String DEFAULT_RETRY_MAX_BACKOFF = "PT10S";

    public StreamConsumerSettings {
        Objects.requireNonNull(streamKey, "streamKey");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(consumer, "consumer");
        requirePositive(block, "block");
        requirePositive(claimIdle, "claimIdle");
        requirePositive(claimInterval, "claimInterval");
        requirePositive(retryMinBackoff, "retryMinBackoff");
        requirePositive(retryMaxBackoff, "retryMaxBackoff");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (maxDeliveries < 1) {
            throw new IllegalArgumentException("maxDeliveries must be at least 1, was " + maxDeliveries);
        }
        if (retryMaxBackoff.compareTo(retryMinBackoff) < 0) {
            throw new IllegalArgumentException("retryMaxBackoff must not be shorter than retryMinBackoff");
        }
    }

    public static StreamConsumerSettings of(String streamKey, String group, String consumer,
            StreamConsumerConfig config) {
        return new StreamConsumerSettings(streamKey, group, consumer, config.batchSize(), config.block(),
                config.claimIdle(), config.claimInterval(), config.maxDeliveries(), config.retryMinBackoff(),
                config.retryMaxBackoff());
    }

    /** The documented defaults of {@link StreamConsumerConfig}. */
    public static StreamConsumerSettings defaults(String streamKey, String group, String consumer) {
        return new StreamConsumerSettings(streamKey, group, consumer, Integer.parseInt(DEFAULT_BATCH_SIZE),
                Duration.parse(DEFAULT_BLOCK), Duration.parse(DEFAULT_CLAIM_IDLE),
                Duration.parse(DEFAULT_CLAIM_INTERVAL), Integer.parseInt(DEFAULT_MAX_DELIVERIES),
                Duration.parse(DEFAULT_RETRY_MIN_BACKOFF), Duration.parse(DEFAULT_RETRY_MAX_BACKOFF));
    }

    public StreamConsumerSettings withConsumer(String consumer) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, retryMinBackoff, retryMaxBackoff);
    }

    public StreamConsumerSettings withBatchSize(int batchSize) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, retryMinBackoff, retryMaxBackoff);
    }

    public StreamConsumerSettings withBlock(Duration block) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, retryMinBackoff, retryMaxBackoff);
    }

    /** Claim idle time and claim interval together (tests shorten both). */
    public StreamConsumerSettings withClaiming(Duration claimIdle, Duration claimInterval) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, retryMinBackoff, retryMaxBackoff);
    }

    public StreamConsumerSettings withMaxDeliveries(int maxDeliveries) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, retryMinBackoff, retryMaxBackoff);
    }

    public StreamConsumerSettings withRetryBackoff(Duration min, Duration max) {
        return new StreamConsumerSettings(streamKey, group, consumer, batchSize, block, claimIdle, claimInterval,
                maxDeliveries, min, max);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
