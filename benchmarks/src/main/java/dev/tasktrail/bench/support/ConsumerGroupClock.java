package dev.tasktrail.bench.support;

import java.time.Duration;

/**
 * Times how fast a consumer group works through a backlog, from Redis' own bookkeeping ({@code XINFO GROUPS},
 * sampled every 20 ms): from the first sample that shows entries delivered beyond those the group had read when the
 * clock was called, to the sample where every entry of the stream is acknowledged. Start-up of the consuming
 * service is thus left out, and so are entries it worked through before (a warm-up).
 */
public final class ConsumerGroupClock {

    private static final long SAMPLE_MS = 20;

    private ConsumerGroupClock() {
    }

    /** Entries acknowledged per second until the whole stream is acknowledged. */
    public static double entriesPerSecond(BenchRedis redis, String stream, String group, Duration timeout)
            throws InterruptedException {
        long total = redis.streamLength(stream);
        long deadline = System.nanoTime() + timeout.toNanos();
        long readBefore = redis.group(stream, group).map(BenchRedis.GroupProgress::entriesRead).orElse(0L);
        long startedAt = -1;
        long acknowledgedAtStart = 0;
        while (System.nanoTime() < deadline) {
            long now = System.nanoTime();
            BenchRedis.GroupProgress progress = redis.group(stream, group).orElse(null);
            if (progress != null) {
                if (startedAt < 0 && progress.entriesRead() != null && progress.entriesRead() > readBefore) {
                    startedAt = now;
                    acknowledgedAtStart = progress.acknowledged();
                }
                if (startedAt >= 0 && progress.settled(total)) {
                    double seconds = (now - startedAt) / 1e9;
                    return (total - acknowledgedAtStart) / Math.max(seconds, SAMPLE_MS / 1000.0);
                }
            }
            Thread.sleep(SAMPLE_MS);
        }
        BenchRedis.GroupProgress last = redis.group(stream, group).orElse(null);
        throw new IllegalStateException("group " + group + " did not acknowledge all " + total + " entries of "
                + stream + " within " + timeout + "; last progress: " + last);
    }
}
