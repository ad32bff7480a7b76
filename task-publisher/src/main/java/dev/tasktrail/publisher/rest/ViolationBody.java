package dev.tasktrail.publisher.rest;

import dev.tasktrail.model.Violation;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One broken rule: the JSON path of the value ({@code status}, {@code prLinks[2]}, {@code $}) and what is wrong. */
@RegisterForReflection
public record ViolationBody(String field, String message) {

    static ViolationBody of(Violation violation) {
        return new ViolationBody(violation.field(), violation.message());
    }
}
