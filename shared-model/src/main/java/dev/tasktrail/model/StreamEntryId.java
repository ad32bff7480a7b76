package dev.tasktrail.model;

import java.util.Comparator;
import java.util.Optional;

/**
 * A Redis stream entry id {@code <millis>-<sequence>}, compared numerically: {@code 1-10} is after {@code 1-9}.
 */
public record StreamEntryId(long millis, long sequence) implements Comparable<StreamEntryId> {

    /** Precedes every real entry; XREAD/XRANGE "after 0-0" means from the start. */
    public static final StreamEntryId ZERO = new StreamEntryId(0, 0);

    private static final Comparator<StreamEntryId> ORDER =
            Comparator.comparingLong(StreamEntryId::millis).thenComparingLong(StreamEntryId::sequence);

    public StreamEntryId {
        if (millis < 0 || sequence < 0) {
            throw new IllegalArgumentException("stream entry id parts must not be negative");
        }
    }

    /**
     * @throws IllegalArgumentException when {@code text} is not {@code <millis>-<sequence>} with unsigned
     *     decimal parts
     */
    public static StreamEntryId parse(String text) {
        return tryParse(text).orElseThrow(() -> new IllegalArgumentException("not a stream entry id: " + text));
    }

    public static Optional<StreamEntryId> tryParse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int dash = text.indexOf('-');
        if (dash <= 0 || dash == text.length() - 1 || !isDigits(text, 0, dash) || !isDigits(text, dash + 1, text.length())) {
            return Optional.empty();
        }
        try {
            return Optional.of(new StreamEntryId(
                    Long.parseLong(text, 0, dash, 10), Long.parseLong(text, dash + 1, text.length(), 10)));
        } catch (NumberFormatException tooLarge) {
            return Optional.empty();
        }
    }

    private static boolean isDigits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    public boolean isAfter(StreamEntryId other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(StreamEntryId other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
