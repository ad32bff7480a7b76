package dev.tasktrail.service.projects;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the projects config loader knows after its latest attempt, for logs and health checks.
 *
 * @param source the source the config in use came from; empty while the built-in empty config is used
 * @param loadedAt when the config in use was read; empty for the built-in empty config
 * @param checkedAt when the sources were last read
 * @param problems what went wrong in the latest attempt, one line per failed source ({@code source: reason});
 *     not empty means a source is failing: the config in use is a fallback or the last good one
 * @param projects how many projects the config in use has
 */
public record ProjectsConfigStatus(Optional<String> source, Optional<Instant> loadedAt, Instant checkedAt,
        List<String> problems, int projects) {

    public ProjectsConfigStatus {
        problems = List.copyOf(problems);
    }

    public boolean healthy() {
        return problems.isEmpty();
    }
}
