package dev.tasktrail.archiver.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasktrail.model.StreamEntryId;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArchiveLayoutTest {

    private static final ArchivePartition ROCKET_DAY = new ArchivePartition("acme/rocket", LocalDate.of(2026, 3, 15));
    private static final List<StreamEntryId> MEMBERS = ids("1700000000000-0", "1700000000005-3", "1700000000009-0");

    @Test
    void namesTheObjectAfterThePartitionAndItsFirstEntry() {
        String key = new ArchiveLayout("task-tracking").objectKey(ROCKET_DAY, MEMBERS);

        assertThat(key).matches("task-tracking/acme/rocket/2026-03-15/events-1700000000000-[0-9a-f]{16}\\.jsonl");
    }

    @Test
    void theSameEntriesAlwaysGetTheSameName() {
        ArchiveLayout layout = new ArchiveLayout("task-tracking");

        assertThat(layout.objectKey(ROCKET_DAY, MEMBERS))
                .isEqualTo(new ArchiveLayout("task-tracking").objectKey(ROCKET_DAY, List.copyOf(MEMBERS)));
    }

    @Test
    void otherEntriesGetAnotherName() {
        ArchiveLayout layout = new ArchiveLayout("task-tracking");
        String key = layout.objectKey(ROCKET_DAY, MEMBERS);

        assertThat(layout.objectKey(ROCKET_DAY, MEMBERS.subList(0, 2))).isNotEqualTo(key);
        assertThat(layout.objectKey(ROCKET_DAY, ids("1700000000000-0", "1700000000006-0", "1700000000009-0")))
                .as("same first and last entry and count, another middle: not the same batch, but it cannot exist "
                        + "since a first entry belongs to one batch only")
                .isEqualTo(key);
        assertThat(layout.objectKey(ROCKET_DAY, ids("1700000000000-1", "1700000000005-3", "1700000000009-0")))
                .startsWith("task-tracking/acme/rocket/2026-03-15/events-1700000000000-")
                .isNotEqualTo(key);
    }

    @Test
    void ignoresSlashesAroundThePrefixAndAllowsNone() {
        assertThat(new ArchiveLayout("/archive/v1/").folder(ROCKET_DAY)).isEqualTo("archive/v1/acme/rocket/2026-03-15/");
        assertThat(new ArchiveLayout("").folder(ROCKET_DAY)).isEqualTo("acme/rocket/2026-03-15/");
    }

    @Test
    void refusesAnEmptyObject() {
        assertThatThrownBy(() -> new ArchiveLayout("p").objectKey(ROCKET_DAY, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static List<StreamEntryId> ids(String... ids) {
        return java.util.Arrays.stream(ids).map(StreamEntryId::parse).toList();
    }
}
