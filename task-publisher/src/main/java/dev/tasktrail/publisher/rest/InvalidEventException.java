package dev.tasktrail.publisher.rest;

import dev.tasktrail.model.Violation;
import java.util.List;

/** Answered as 400 {@code invalid_event} with every violation. */
final class InvalidEventException extends RuntimeException {

    private final List<Violation> violations;

    InvalidEventException(List<Violation> violations) {
        super("invalid event", null, false, false);
        this.violations = violations;
    }

    List<Violation> violations() {
        return violations;
    }
}
