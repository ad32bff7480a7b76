package dev.tasktrail.model;

/**
 * One broken rule of an event.
 *
 * @param field JSON path of the offending value, e.g. {@code status}, {@code actor.id}, {@code prLinks[2]};
 *     {@code $} for the document itself
 * @param message what is wrong, for the producer to read
 */
public record Violation(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
