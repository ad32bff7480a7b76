package dev.tasktrail.archiver.archive;

import dev.tasktrail.model.TaskEvent;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The events that share a folder of the archive: one project ({@code owner/repo}) and one UTC day of
 * {@code occurredAt}. Each object holds events of exactly one partition.
 */
public record ArchivePartition(String project, LocalDate day) {

    public ArchivePartition {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(day, "day");
    }

    public static ArchivePartition of(TaskEvent event) {
        return new ArchivePartition(event.project(), LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC));
    }

    @Override
    public String toString() {
        return project + "/" + day;
    }
}
