package dev.tasktrail.archiver.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tasktrail.model.StreamEntryId;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The batching rules, on a clock the test moves (the service's own timing is tested end to end elsewhere). */
class ArchiveBufferTest {

    private static final ArchivePartition ROCKET = new ArchivePartition("acme/rocket", LocalDate.of(2026, 3, 15));
    private static final ArchivePartition ROCKET_NEXT_DAY = new ArchivePartition("acme/rocket", LocalDate.of(2026, 3, 16));
    private static final ArchivePartition DRILL = new ArchivePartition("acme/drill", LocalDate.of(2026, 3, 15));
    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private final AtomicLong clock = new AtomicLong();

    @Test
    void takesABatchWhenItHasMaxEvents() {
        ArchiveBuffer buffer = buffer(3, 1_000_000, 1_000_000);

        List<ArchiveBatch> complete = buffer.add(IntStream.range(0, 7).mapToObj(i -> entry(i, ROCKET, 10)).toList());

        assertThat(complete).extracting(ArchiveBatch::size).containsExactly(3, 3);
        assertThat(complete.get(0).ids()).containsExactly(id(0), id(1), id(2));
        assertThat(buffer.heldEntries()).isEqualTo(7);
    }

    @Test
    void takesABatchBeforeAnEntryWouldMakeItLargerThanMaxBytes() {
        ArchiveBuffer buffer = buffer(1000, 100, 1_000_000);

        assertThat(buffer.add(List.of(entry(0, ROCKET, 40), entry(1, ROCKET, 40)))).isEmpty();
        List<ArchiveBatch> complete = buffer.add(List.of(entry(2, ROCKET, 40)));

        assertThat(complete).hasSize(1);
        assertThat(complete.get(0).ids()).containsExactly(id(0), id(1));
        assertThat(complete.get(0).bytes()).isEqualTo(80);
    }

    @Test
    void anEntryLargerThanMaxBytesIsABatchOfItsOwn() {
        ArchiveBuffer buffer = buffer(1000, 100, 1_000_000);
        buffer.add(List.of(entry(0, ROCKET, 40)));

        List<ArchiveBatch> complete = buffer.add(List.of(entry(1, ROCKET, 250)));

        assertThat(complete).extracting(ArchiveBatch::ids).containsExactly(List.of(id(0)), List.of(id(1)));
    }

    @Test
    void takesABatchOnceItsFirstEntryHasWaitedMaxAge() {
        ArchiveBuffer buffer = buffer(1000, 1_000_000, 1_000_000);
        buffer.add(List.of(entry(0, ROCKET, 10)));
        clock.addAndGet(MAX_AGE.toNanos() - 1);
        buffer.add(List.of(entry(1, ROCKET, 10), entry(2, DRILL, 10)));

        assertThat(buffer.takeExpired()).isEmpty();
        clock.addAndGet(1);
        List<ArchiveBatch> expired = buffer.takeExpired();

        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).partition()).isEqualTo(ROCKET);
        assertThat(expired.get(0).ids()).containsExactly(id(0), id(1));
        assertThat(buffer.takeExpired()).isEmpty();
        clock.addAndGet(MAX_AGE.toNanos());
        assertThat(buffer.takeExpired()).extracting(ArchiveBatch::partition).containsExactly(DRILL);
    }

    @Test
    void keepsProjectsAndDaysApart() {
        ArchiveBuffer buffer = buffer(2, 1_000_000, 1_000_000);

        List<ArchiveBatch> complete = buffer.add(List.of(entry(0, ROCKET, 10), entry(1, DRILL, 10),
                entry(2, ROCKET_NEXT_DAY, 10), entry(3, ROCKET, 10)));

        assertThat(complete).hasSize(1);
        assertThat(complete.get(0).partition()).isEqualTo(ROCKET);
        assertThat(complete.get(0).ids()).containsExactly(id(0), id(3));
        assertThat(buffer.takeAllOpen()).extracting(ArchiveBatch::partition)
                .containsExactlyInAnyOrder(DRILL, ROCKET_NEXT_DAY);
    }

    @Test
    void batchesAreInStreamOrderWhateverTheArrivalOrder() {
        ArchiveBuffer buffer = buffer(3, 1_000_000, 1_000_000);

        List<ArchiveBatch> complete = buffer.add(List.of(entry(9, ROCKET, 10), entry(2, ROCKET, 10),
                entry(5, ROCKET, 10)));

        assertThat(complete.get(0).ids()).containsExactly(id(2), id(5), id(9));
    }

    @Test
    void atCapacityTakesEveryOpenBatchAndMakesReadersWaitForRoom() {
        ArchiveBuffer buffer = buffer(1000, 1_000_000, 100);
        assertThat(buffer.add(List.of(entry(0, ROCKET, 30), entry(1, DRILL, 30)))).isEmpty();
        assertThat(buffer.awaitRoom().subscribe().withSubscriber(UniAssertSubscriber.create()).getItem()).isNull();

        List<ArchiveBatch> complete = buffer.add(List.of(entry(2, ROCKET, 50)));

        assertThat(complete).extracting(ArchiveBatch::partition).containsExactlyInAnyOrder(ROCKET, DRILL);
        UniAssertSubscriber<Void> waiting = buffer.awaitRoom().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.assertNotTerminated();
        buffer.release(List.of(id(1)));
        waiting.assertCompleted();
        assertThat(buffer.heldBytes()).isEqualTo(80);
    }

    @Test
    void ignoresAnEntryItHoldsAlreadyAndReleasesEachOnce() {
        ArchiveBuffer buffer = buffer(1000, 1_000_000, 1_000_000);
        buffer.add(List.of(entry(0, ROCKET, 10), entry(1, ROCKET, 10)));
        buffer.add(List.of(entry(1, ROCKET, 10)));

        assertThat(buffer.heldEntries()).isEqualTo(2);
        buffer.release(List.of(id(1)));
        buffer.release(List.of(id(1)));
        assertThat(buffer.heldBytes()).isEqualTo(10);
        assertThat(buffer.takeAllOpen()).extracting(ArchiveBatch::ids).containsExactly(List.of(id(0)));
    }

    private ArchiveBuffer buffer(int maxEvents, long maxBytes, long capacity) {
        return new ArchiveBuffer(maxEvents, maxBytes, MAX_AGE, capacity, clock::get);
    }

    private static StreamEntryId id(int n) {
        return new StreamEntryId(1_700_000_000_000L + n, 0);
    }

    /** An entry whose line (JSON plus newline) is {@code lineBytes} long. */
    private static ArchiveEntry entry(int n, ArchivePartition partition, int lineBytes) {
        return ArchiveEntry.of(id(n), "x".repeat(lineBytes - 1), partition);
    }
}
