package dev.tasktrail.model;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who may see a task besides its creator when the dashboard enforces visibility.
 *
 * @param responsibleUsers viewer identities such as {@code google:alice@example.com}
 */
public record Visibility(List<String> responsibleUsers) {

    public static final Visibility NONE = new Visibility(List.of());

    public Visibility {
        responsibleUsers = List.copyOf(responsibleUsers);
    }

    /** This visibility plus {@code additionalUsers}, without duplicates, in first-seen order. */
    public Visibility withUsers(Iterable<String> additionalUsers) {
        Set<String> union = new LinkedHashSet<>(responsibleUsers);
        additionalUsers.forEach(union::add);
        return new Visibility(List.copyOf(union));
    }
}
