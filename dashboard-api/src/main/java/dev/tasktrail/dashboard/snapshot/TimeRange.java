package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.dashboard.query.InvalidParameterException;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.Timestamps;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.OptionalLong;

/**
 * The {@code from} and {@code to} parameters of {@code GET /dashboard/tasks}: which {@code occurredAt} instants a
 * snapshot covers, as index scores (epoch milliseconds). {@code from} is inclusive, {@code to} exclusive; either may
 * be absent (unbounded).
 */
public record TimeRange(OptionalLong fromMillis, OptionalLong toMillis) {

    public static final String FROM_PARAMETER = "from";
    public static final String TO_PARAMETER = "to";
    public static final TimeRange ALL = new TimeRange(OptionalLong.empty(), OptionalLong.empty());

    /**
     * Index scores are doubles: beyond 2^53 milliseconds (some 285 000 years) they could not tell neighbouring
     * instants apart.
     */
    private static final long MAX_SCORE = (1L << 53) - 1;
    private static final Instant EARLIEST = Instant.ofEpochMilli(-MAX_SCORE);
    private static final Instant LATEST = Instant.ofEpochMilli(MAX_SCORE);

    public TimeRange {
        if (fromMillis.isPresent() && toMillis.isPresent() && fromMillis.getAsLong() >= toMillis.getAsLong()) {
            throw new IllegalArgumentException("from must be before to");
        }
    }

    /**
     * Parses the raw query values: ISO-8601 instants with an offset ({@link Timestamps#parse}), at the millisecond
     * precision {@code occurredAt} is kept in. Absent or blank means unbounded.
     *
     * @throws InvalidParameterException naming the parameter that is not acceptable
     */
    public static TimeRange parse(String from, String to) {
        OptionalLong fromMillis = parseInstant(FROM_PARAMETER, from);
        OptionalLong toMillis = parseInstant(TO_PARAMETER, to);
        if (fromMillis.isPresent() && toMillis.isPresent() && fromMillis.getAsLong() >= toMillis.getAsLong()) {
            throw new InvalidParameterException(TO_PARAMETER,
                    "must be later than from (from is inclusive, to exclusive)");
        }
        return new TimeRange(fromMillis, toMillis);
    }

    public boolean isBounded() {
        return fromMillis.isPresent() || toMillis.isPresent();
    }

    public boolean contains(TaskItem item) {
        long occurredAt = item.occurredAt().toEpochMilli();
        return (fromMillis.isEmpty() || occurredAt >= fromMillis.getAsLong())
                && (toMillis.isEmpty() || occurredAt < toMillis.getAsLong());
    }

    private static OptionalLong parseInstant(String parameter, String value) {
        if (value == null || value.isBlank()) {
            return OptionalLong.empty();
        }
        Instant instant;
        try {
            instant = Timestamps.parse(value.strip());
        } catch (DateTimeException notAnInstant) {
            throw new InvalidParameterException(parameter,
                    "expected an ISO-8601 date-time with an offset, such as 2026-03-15T10:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidParameterException(parameter, "out of range");
        }
        return OptionalLong.of(instant.toEpochMilli());
    }
}
