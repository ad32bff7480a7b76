package dev.tasktrail.model;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp form of the contract: ISO-8601, UTC, exactly three fraction digits
 * ({@code 2026-03-15T10:00:00.123Z}). Being fixed-width, canonical strings also sort by time.
 */
public final class Timestamps {

    private static final DateTimeFormatter CANONICAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Millisecond precision is what the contract keeps; finer digits are dropped. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        return CANONICAL.format(truncate(instant));
    }

    /**
     * Parses any ISO-8601 date-time with an offset ({@code Z}, {@code +02:00}) and 0–9 fraction digits.
     *
     * @throws DateTimeParseException when the text is not such a date-time
     */
    public static Instant parse(String text) {
        return truncate(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
    }
}
