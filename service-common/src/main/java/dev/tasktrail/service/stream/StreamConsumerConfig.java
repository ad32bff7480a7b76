package dev.tasktrail.service.stream;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a {@link StreamConsumerLoop} reads, as a group of a service's {@code @ConfigMapping}: the projector mounts it
 * at {@code task.projector.consumer} (environment {@code TASK_PROJECTOR_CONSUMER_*}), the archiver at its own
 * prefix. Durations take {@code 30s}, {@code 500ms} or ISO-8601 ({@code PT30S}).
 */
public interface StreamConsumerConfig {

    /** {@code ..._BATCH_SIZE}: most entries read (and handed to the handler) at once. */
    @WithDefault(StreamConsumerSettings.DEFAULT_BATCH_SIZE)
    int batchSize();

    /**
     * {@code ..._BLOCK}: how long one read waits for new entries. Keep it well under the Redis client timeout;
     * it also bounds how long a graceful stop waits for the read in progress.
     */
    @WithDefault(StreamConsumerSettings.DEFAULT_BLOCK)
    Duration block();

    /**
     * {@code ..._CLAIM_IDLE}: an entry pending this long without being acknowledged is claimed from its consumer
     * (presumed gone) and delivered again. Entries a live handler still holds are kept fresh and never reach it.
     */
    @WithDefault(StreamConsumerSettings.DEFAULT_CLAIM_IDLE)
    Duration claimIdle();

    /** {@code ..._CLAIM_INTERVAL}: how often the loop looks for entries to claim and refreshes its lag metrics. */
    @WithDefault(StreamConsumerSettings.DEFAULT_CLAIM_INTERVAL)
    Duration claimInterval();

    /** {@code ..._MAX_DELIVERIES}: an entry delivered more often than this is moved to the dead-letter stream. */
    @WithDefault(StreamConsumerSettings.DEFAULT_MAX_DELIVERIES)
    int maxDeliveries();

    /** {@code ..._RETRY_MIN_BACKOFF}: first pause after a Redis failure; doubles on each further failure. */
    @WithDefault(StreamConsumerSettings.DEFAULT_RETRY_MIN_BACKOFF)
    Duration retryMinBackoff();

    /** {@code ..._RETRY_MAX_BACKOFF}: longest pause between attempts while Redis stays unreachable. */
    @WithDefault(StreamConsumerSettings.DEFAULT_RETRY_MAX_BACKOFF)
    Duration retryMaxBackoff();
}
