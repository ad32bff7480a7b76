package dev.tasktrail.publisher.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The 400 answer for an event that breaks the rules (SPEC §7): {@code error} is {@code invalid_event}. */
@RegisterForReflection
public record InvalidEventBody(String error, List<ViolationBody> violations) {
}
