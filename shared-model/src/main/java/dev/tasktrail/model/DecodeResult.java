package dev.tasktrail.model;

import java.util.List;
import java.util.Optional;

/** Either a valid event or every violation that kept the document from being one. */
public final class DecodeResult {

    private final TaskEvent event;
    private final List<Violation> violations;

    private DecodeResult(TaskEvent event, List<Violation> violations) {
        this.event = event;
        this.violations = violations;
    }

    static DecodeResult valid(TaskEvent event) {
        return new DecodeResult(event, List.of());
    }

    static DecodeResult invalid(List<Violation> violations) {
        return new DecodeResult(null, List.copyOf(violations));
    }

    public boolean isValid() {
        return event != null;
    }

    public Optional<TaskEvent> event() {
        return Optional.ofNullable(event);
    }

    /**
     * @throws IllegalStateException when the document was invalid
     */
    public TaskEvent orElseThrow() {
        if (event == null) {
            throw new IllegalStateException("invalid event: " + describeViolations());
        }
        return event;
    }

    public List<Violation> violations() {
        return violations;
    }

    /** One line naming every violation, for dead-letter reasons and logs. */
    public String describeViolations() {
        return String.join("; ", violations.stream().map(Violation::toString).toList());
    }
}
