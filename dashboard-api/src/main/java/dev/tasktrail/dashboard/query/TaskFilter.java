package dev.tasktrail.dashboard.query;

import dev.tasktrail.model.TaskEventValidator;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code project} and {@code statuses} query parameters shared by the snapshot and the stream (SPEC §5).
 *
 * @param project the {@code owner/repo} to show, or empty for every project
 * @param statuses the statuses to show; never empty (no {@code statuses} parameter means all of them)
 */
public record TaskFilter(Optional<String> project, Set<TaskStatus> statuses) {

    public static final String PROJECT_PARAMETER = "project";
    public static final String STATUSES_PARAMETER = "statuses";

    public TaskFilter {
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a filter needs at least one status");
        }
        statuses = Collections.unmodifiableSet(EnumSet.copyOf(statuses));
    }

    /**
     * Parses the raw query values.
     *
     * @param project {@code owner/repo}, or {@code null}/blank for every project
     * @param statuses values of the (possibly repeated) {@code statuses} parameter, each comma-separated; empty
     *     parts are ignored, and nothing at all means every status
     * @throws InvalidParameterException naming the parameter that is not acceptable
     */
    public static TaskFilter parse(String project, List<String> statuses) {
        return new TaskFilter(parseProject(project), parseStatuses(statuses));
    }

    /** True when every status is selected: the all-statuses index answers without a merge. */
    public boolean selectsAllStatuses() {
        return statuses.size() == TaskStatus.values().length;
    }

    public boolean matches(TaskItem item) {
        return statuses.contains(item.status()) && project.map(item.project()::equals).orElse(true);
    }

    private static Optional<String> parseProject(String project) {
        if (project == null || project.isBlank()) {
            return Optional.empty();
        }
        if (project.length() > TaskEventValidator.MAX_PROJECT_LENGTH
                || !TaskEventValidator.PROJECT_PATTERN.matcher(project).matches()) {
            throw new InvalidParameterException(PROJECT_PARAMETER, "expected owner/repo, each part of [A-Za-z0-9._-]");
        }
        return Optional.of(project);
    }

    private static Set<TaskStatus> parseStatuses(List<String> values) {
        Set<TaskStatus> selected = EnumSet.noneOf(TaskStatus.class);
        if (values != null) {
            for (String value : values) {
                for (String part : value.split(",", -1)) {
                    String name = part.strip();
                    if (!name.isEmpty()) {
                        selected.add(TaskStatus.fromWireName(name).orElseThrow(() -> new InvalidParameterException(
                                STATUSES_PARAMETER, "unknown status '" + abbreviate(name) + "'; expected "
                                        + String.join(", ", TaskStatus.WIRE_NAMES))));
                    }
                }
            }
        }
        return selected.isEmpty() ? EnumSet.allOf(TaskStatus.class) : selected;
    }

    /** Echoes at most a short prefix of client input in messages. */
    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
