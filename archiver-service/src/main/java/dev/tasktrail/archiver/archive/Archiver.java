package dev.tasktrail.archiver.archive;

import dev.tasktrail.service.stream.StreamConsumerLoop;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;

/**
 * One consumer of the archiver group: the shared consumer loop feeding an {@link ArchivePipeline}, a timer that
 * writes batches that waited long enough, and the threads that upload. The service runs one; tests run more.
 */
public final class Archiver {

    private static final Logger LOG = Logger.getLogger(Archiver.class);
    /** The loop's step in progress ends within its BLOCK; this is the margin on top. */
    private static final Duration LOOP_STOP_MARGIN = Duration.ofSeconds(5);

    private final StreamConsumerLoop loop;
    private final ArchivePipeline pipeline;
    private final SealStore seals;
    private final ExecutorService uploads;
    private final Duration ageCheckInterval;
    private Cancellable ageChecks;

    Archiver(StreamConsumerLoop loop, ArchivePipeline pipeline, SealStore seals, ExecutorService uploads,
            Duration ageCheckInterval) {
        this.loop = loop;
        this.pipeline = pipeline;
        this.seals = seals;
        this.uploads = uploads;
        this.ageCheckInterval = ageCheckInterval;
    }

    /** Starts reading in the background and returns at once. */
    public void start() {
        seals.sweep().subscribe().with(
                forgotten -> {
                    if (forgotten > 0) {
                        LOG.infof("Forgot %d seals whose events were all dead-lettered", forgotten);
                    }
                },
                failure -> LOG.debugf("Could not sweep old seals (%s); the next start tries again", failure.toString()));
        ageChecks = Multi.createFrom().ticks().every(ageCheckInterval)
                .onOverflow().drop()
                .subscribe().with(tick -> pipeline.flushExpired());
        loop.start();
    }

    /**
     * Stops reading, writes what was read for at most {@code grace}, and leaves the rest unacknowledged: pending
     * for the next start of this consumer or another replica's claim.
     */
    public void stop(Duration grace) {
        Uni<Void> loopStopped = loop.stop();
        pipeline.stopWaitingForRoom();
        try {
            loopStopped.await().atMost(loop.settings().block().plus(LOOP_STOP_MARGIN));
        } catch (TimeoutException e) {
            LOG.warnf("The consumer loop of %s did not stop in time; continuing the shutdown", loop.settings().consumer());
        }
        if (ageChecks != null) {
            ageChecks.cancel();
        }
        pipeline.drain(grace);
        uploads.shutdownNow();
    }

    public StreamConsumerLoop loop() {
        return loop;
    }
}
