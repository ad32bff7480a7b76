package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written canonical form against the JDK's ISO-8601 formatter and parser, which define it. */
class TimestampsTest {

    private static final DateTimeFormatter REFERENCE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final long LATEST_MILLIS = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

    @Test
    void formatsAndParsesLikeTheIsoFormatterAcrossTheWholeRange() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochMilli(random.nextLong(LATEST_MILLIS + 1));
            String text = Timestamps.format(instant);

            assertThat(text).isEqualTo(REFERENCE.format(instant));
            assertThat(Timestamps.parse(text)).isEqualTo(instant)
                    .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        }
    }

    @Test
    void formatsTheEdgesOfTheRange() {
        assertThat(Timestamps.format(Instant.EPOCH)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(Timestamps.format(Instant.ofEpochMilli(LATEST_MILLIS))).isEqualTo("9999-12-31T23:59:59.999Z");
        assertThat(Timestamps.format(Instant.parse("2024-02-29T23:59:59.999999Z"))).isEqualTo("2024-02-29T23:59:59.999Z");
        assertThat(Timestamps.format(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("+10000-01-01T00:00:00.000Z");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-13-01T10:00:00.000Z", // month 13
            "2026-02-29T10:00:00.000Z", // not a leap year
            "2026-04-31T10:00:00.000Z", // April has 30 days
            "2026-03-15T24:00:00.000Z", // hour 24
            "2026-03-15T10:60:00.000Z", // minute 60
            "2026-03-15T10:00:60.000Z", // second 60
            "2026-03-15T10:00:00.000", // no offset
            "2026-03-15 10:00:00.000Z", // space for T
            "2026-3-15T10:00:00.000Z", // one-digit month
            "2026-03-15T10:00:00.00aZ", // letter among the digits
    })
    void rejectsWhatIsNotADateTimeWithOffset(String text) {
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2026-03-15T10:00:00.123Z",
            "2026-03-15T12:00:00.123+02:00",
            "2026-03-15T10:00:00.123456789Z",
            "2026-03-15T05:00:00.123-05:00",
    })
    void readsEveryIsoFormWithOffsetAsTheSameMillisecond(String text) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse("2026-03-15T10:00:00.123Z"));
    }

    @Test
    void readsWholeSecondsWithoutFraction() {
        assertThat(Timestamps.parse("2026-03-15T10:00:00Z")).isEqualTo(Instant.parse("2026-03-15T10:00:00Z"));
    }
}
