package dev.tasktrail.model.projects;

import dev.tasktrail.model.Violation;
import java.util.List;

/** A projects config document that cannot be used; the message names every problem with its JSON path. */
public final class InvalidProjectsConfigException extends IllegalArgumentException {

    private final List<Violation> problems;

    public InvalidProjectsConfigException(List<Violation> problems) {
        super("invalid projects config: " + String.join("; ", problems.stream().map(Violation::toString).toList()));
        this.problems = List.copyOf(problems);
    }

    /** Each problem: the JSON path ({@code projects[0].applications[1].repo}, {@code $} for the document) and what is wrong. */
    public List<Violation> problems() {
        return problems;
    }
}
