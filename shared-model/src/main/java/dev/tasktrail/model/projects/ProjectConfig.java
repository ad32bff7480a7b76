package dev.tasktrail.model.projects;

import java.util.List;
import java.util.Objects;

/**
 * One project of the projects config (SPEC §8). Projects are slugs ({@code rukipay}); their applications
 * map them to the {@code owner/repo} identifiers that task events carry.
 *
 * @param project the slug, unique in the config
 * @param displayName for the dashboard; the slug when the config gives none
 * @param responsibleUsers identities added to the events of every application of the project
 */
public record ProjectConfig(String project, String displayName, List<String> responsibleUsers,
        List<ApplicationConfig> applications) {

    public ProjectConfig {
        Objects.requireNonNull(project, "project");
        displayName = displayName == null ? project : displayName;
        responsibleUsers = responsibleUsers == null ? List.of() : List.copyOf(responsibleUsers);
        applications = applications == null ? List.of() : List.copyOf(applications);
    }
}
