package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.dashboard.query.InvalidParameterException;
import dev.tasktrail.dashboard.query.TaskFilter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One {@code GET /dashboard/tasks} query, validated.
 *
 * @param filter which tasks (project, statuses)
 * @param range which {@code occurredAt} instants ({@code from}, {@code to}); {@link TimeRange#ALL} without them
 * @param after the position the previous page ended at, or empty for the first page
 * @param limit page size, already clamped to the configured maximum
 */
public record SnapshotRequest(TaskFilter filter, TimeRange range, Optional<IndexPosition> after, int limit) {

    public static final String LIMIT_PARAMETER = "limit";

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    /** More digits than this cannot be a sensible page size; such a value is clamped like any large one. */
    private static final int MAX_PARSED_DIGITS = 9;

    public SnapshotRequest {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(after, "after");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
    }

    /**
     * Validates the raw query parameters. A {@code limit} above {@code maxLimit} is clamped to it (not an error,
     * so clients need not know the server's maximum); a missing one means {@code defaultLimit}.
     *
     * @throws InvalidParameterException naming the first parameter that is not acceptable
     */
    public static SnapshotRequest parse(String project, List<String> statuses, String from, String to, String cursor,
            String limit, int defaultLimit, int maxLimit) {
        TaskFilter filter = TaskFilter.parse(project, statuses);
        TimeRange range = TimeRange.parse(from, to);
        int pageSize = parseLimit(limit, defaultLimit, maxLimit);
        Optional<IndexPosition> after = cursor == null || cursor.isBlank()
                ? Optional.empty()
                : Optional.of(SnapshotCursor.decode(cursor.strip()));
        return new SnapshotRequest(filter, range, after, pageSize);
    }

    private static int parseLimit(String limit, int defaultLimit, int maxLimit) {
        if (limit == null || limit.isBlank()) {
            return Math.min(defaultLimit, maxLimit);
        }
        String digits = limit.strip();
        if (!DIGITS.matcher(digits).matches()) {
            throw new InvalidParameterException(LIMIT_PARAMETER, "expected a positive integer");
        }
        String significant = digits.replaceFirst("^0+", "");
        if (significant.isEmpty()) {
            throw new InvalidParameterException(LIMIT_PARAMETER, "expected a positive integer, got 0");
        }
        return significant.length() > MAX_PARSED_DIGITS ? maxLimit : Math.min(Integer.parseInt(significant), maxLimit);
    }
}
