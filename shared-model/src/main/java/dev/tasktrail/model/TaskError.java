package dev.tasktrail.model;

import java.util.Objects;

/**
 * Why an execution failed; only present on {@code error} events.
 *
 * @param message human-readable reason shown on the dashboard
 * @param type optional classification, e.g. an exception class name; may be {@code null}
 */
public record TaskError(String message, String type) {

    public TaskError {
        Objects.requireNonNull(message, "message");
    }
}
