package dev.tasktrail.model.projects;

import java.util.List;
import java.util.Objects;

/**
 * One application of a project: a GitHub repository whose task events name it as {@code project}.
 *
 * @param app the application's name, e.g. {@code rukipay-backend}
 * @param repo {@code owner/repo}, compared with an event's {@code project} ignoring case (as GitHub does)
 * @param responsibleUsers identities added to the events of this repository, besides the project's
 */
public record ApplicationConfig(String app, String repo, List<String> responsibleUsers) {

    public ApplicationConfig {
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(repo, "repo");
        responsibleUsers = responsibleUsers == null ? List.of() : List.copyOf(responsibleUsers);
    }
}
