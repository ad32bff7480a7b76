package dev.tasktrail.model;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * The one timestamp form of the contract: ISO-8601, UTC, exactly three fraction digits
 * ({@code 2026-03-15T10:00:00.123Z}). Being fixed-width, canonical strings also sort by time.
 *
 * <p>Every event and every projected execution carries such timestamps, and each consumer reads them per entry
 * (decoding events, building dashboard items), so the canonical form is read and written by hand: the general
 * {@link DateTimeFormatter} path costs several times more and stays only for the other ISO-8601 forms producers
 * may send.
 */
public final class Timestamps {

    private static final DateTimeFormatter CANONICAL = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .toFormatter()
            .withZone(ZoneOffset.UTC);
    /** {@code uuuu-MM-dd'T'HH:mm:ss.SSS'Z'}: 'd' stands for a digit, every other character for itself. */
    private static final String CANONICAL_SHAPE = "dddd-dd-ddTdd:dd:dd.dddZ";

    private Timestamps() {
    }

    /** Millisecond precision is what the contract keeps; finer digits are dropped. */
    public static Instant truncate(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    public static String format(Instant instant) {
        Instant millis = truncate(instant);
        LocalDateTime time = LocalDateTime.ofEpochSecond(millis.getEpochSecond(), millis.getNano(), ZoneOffset.UTC);
        if (time.getYear() < 0 || time.getYear() > 9999) {
            return CANONICAL.format(millis);
        }
        char[] text = CANONICAL_SHAPE.toCharArray();
        digits(text, 0, 4, time.getYear());
        digits(text, 5, 2, time.getMonthValue());
        digits(text, 8, 2, time.getDayOfMonth());
        digits(text, 11, 2, time.getHour());
        digits(text, 14, 2, time.getMinute());
        digits(text, 17, 2, time.getSecond());
        digits(text, 20, 3, time.getNano() / 1_000_000);
        return new String(text);
    }

    /**
     * Parses any ISO-8601 date-time with an offset ({@code Z}, {@code +02:00}) and 0–9 fraction digits.
     *
     * @throws DateTimeParseException when the text is not such a date-time
     */
    public static Instant parse(String text) {
        if (!isCanonicalShape(text)) {
            return truncate(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant());
        }
        try {
            return LocalDateTime.of(number(text, 0, 4), number(text, 5, 2), number(text, 8, 2), number(text, 11, 2),
                    number(text, 14, 2), number(text, 17, 2), number(text, 20, 3) * 1_000_000)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException outOfRange) {
            throw new DateTimeParseException(outOfRange.getMessage(), text, 0, outOfRange);
        }
    }

    private static boolean isCanonicalShape(String text) {
        if (text.length() != CANONICAL_SHAPE.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char expected = CANONICAL_SHAPE.charAt(i);
            char actual = text.charAt(i);
            if (expected == 'd' ? actual < '0' || actual > '9' : actual != expected) {
                return false;
            }
        }
        return true;
    }

    private static int number(String text, int from, int length) {
        int value = 0;
        for (int i = from; i < from + length; i++) {
            value = value * 10 + (text.charAt(i) - '0');
        }
        return value;
    }

    private static void digits(char[] text, int from, int length, int value) {
        for (int i = from + length - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
