package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OrderingTest {

    private static final Instant T0 = Instant.parse("2026-03-15T10:00:00.000Z");

    @Test
    void comparesEntryIdsNumericallyNotAsText() {
        assertThat(StreamEntryId.parse("1-10")).isGreaterThan(StreamEntryId.parse("1-9"));
        assertThat(StreamEntryId.parse("10-0")).isGreaterThan(StreamEntryId.parse("9-99"));
        assertThat(StreamEntryId.parse("1700000000000-0").isAfter(StreamEntryId.parse("999999999999-5"))).isTrue();
        assertThat(StreamEntryId.parse("5-5")).isEqualByComparingTo(new StreamEntryId(5, 5));
    }

    @Test
    void printsAndParsesTheRedisForm() {
        assertThat(StreamEntryId.parse("1700000000000-12").toString()).isEqualTo("1700000000000-12");
        assertThat(StreamEntryId.ZERO.toString()).isEqualTo("0-0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "1", "1-", "-1", "a-1", "1-b", "1-2-3", "1 -2", "+1-2", "99999999999999999999-0"})
    void rejectsMalformedEntryIds(String text) {
        assertThat(StreamEntryId.tryParse(text)).isEmpty();
        assertThatThrownBy(() -> StreamEntryId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void laterOccurredAtWinsWhateverTheEntryOrder() {
        EventVersion older = new EventVersion(T0, StreamEntryId.parse("9-0"));
        EventVersion newer = new EventVersion(T0.plusMillis(1), StreamEntryId.parse("1-0"));

        assertThat(newer.supersedes(older)).isTrue();
        assertThat(older.supersedes(newer)).isFalse();
    }

    @Test
    void equalInstantsAreDecidedByTheLaterEntry() {
        EventVersion first = new EventVersion(T0, StreamEntryId.parse("1700000000000-9"));
        EventVersion second = new EventVersion(T0, StreamEntryId.parse("1700000000000-10"));

        assertThat(second.supersedes(first)).isTrue();
        assertThat(first.supersedes(second)).isFalse();
    }

    @Test
    void theSameVersionNeverSupersedesItself() {
        EventVersion version = new EventVersion(T0, StreamEntryId.parse("3-3"));

        assertThat(version.supersedes(new EventVersion(T0, StreamEntryId.parse("3-3")))).isFalse();
    }

    @Test
    void subMillisecondDifferencesDoNotCount() {
        EventVersion early = new EventVersion(T0.plusNanos(100), StreamEntryId.parse("2-0"));
        EventVersion late = new EventVersion(T0.plusNanos(900_000), StreamEntryId.parse("1-0"));

        assertThat(early.supersedes(late)).isTrue();
    }

    @Test
    void theNewestOfAnyPermutationIsTheMaximum() {
        List<EventVersion> versions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            versions.add(new EventVersion(T0.plusMillis(i % 4), new StreamEntryId(100 + i, i % 3)));
        }
        EventVersion expected = new EventVersion(T0.plusMillis(3), new StreamEntryId(119, 1));
        for (long seed = 0; seed < 10; seed++) {
            Collections.shuffle(versions, new java.util.Random(seed));
            EventVersion current = versions.get(0);
            for (EventVersion candidate : versions) {
                if (candidate.supersedes(current)) {
                    current = candidate;
                }
            }
            assertThat(current).isEqualTo(expected);
        }
    }
}
