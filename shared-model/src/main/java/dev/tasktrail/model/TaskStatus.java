package dev.tasktrail.model;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Lifecycle state of a task execution, with the lower-case names used on the wire and in Redis. */
public enum TaskStatus {
    IN_PROGRESS("in_progress"),
    SUCCESS("success"),
    ERROR("error");

    /** Wire names in declaration order, for error messages and docs. */
    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(TaskStatus::wireName).toList();

    private final String wireName;

    TaskStatus(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public boolean isTerminal() {
        return this != IN_PROGRESS;
    }

    public static Optional<TaskStatus> fromWireName(String wireName) {
        for (TaskStatus status : values()) {
            if (status.wireName.equals(wireName)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
