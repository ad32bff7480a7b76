package dev.tasktrail.bench.support;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies recorded from many threads into an HdrHistogram (constant memory, 3 significant digits, values from
 * 1 µs to 10 min), read as percentiles in milliseconds.
 */
public final class Latencies {

    private final Histogram histogram = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);

    public void recordNanos(long nanos) {
        histogram.recordValue(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), histogram.getHighestTrackableValue())));
    }

    public long count() {
        return histogram.getTotalCount();
    }

    /** The {@code percentile} (0–100) in milliseconds; NaN without values. */
    public double percentileMillis(double percentile) {
        if (histogram.getTotalCount() == 0) {
            return Double.NaN;
        }
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
