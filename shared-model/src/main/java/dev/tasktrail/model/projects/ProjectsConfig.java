package dev.tasktrail.model.projects;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The projects config (SPEC §8): the projects the dashboard offers as filters and the responsible users the
 * publisher adds to task events. Immutable; build one with {@link ProjectsConfigParser#parse(String)}.
 */
public final class ProjectsConfig {

    /** What runs when no projects config is configured: no projects, nobody added to any event. */
    public static final ProjectsConfig EMPTY = new ProjectsConfig(List.of());

    private final List<ProjectConfig> projects;
    private final Map<String, List<String>> usersByRepo;

    public ProjectsConfig(List<ProjectConfig> projects) {
        this.projects = List.copyOf(projects);
        this.usersByRepo = indexUsersByRepo(this.projects);
    }

    /** The projects in config order. */
    public List<ProjectConfig> projects() {
        return projects;
    }

    /**
     * Who is responsible for the tasks of repository {@code repo} ({@code owner/repo}, any case): the users of
     * every application with that repo and of its project, without duplicates, project users first. Empty for
     * a repository the config does not name.
     */
    public List<String> responsibleUsersFor(String repo) {
        return usersByRepo.getOrDefault(normalizeRepo(repo), List.of());
    }

    static String normalizeRepo(String repo) {
        return repo.toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> indexUsersByRepo(List<ProjectConfig> projects) {
        Map<String, Set<String>> users = new HashMap<>();
        for (ProjectConfig project : projects) {
            for (ApplicationConfig application : project.applications()) {
                Set<String> union = users.computeIfAbsent(normalizeRepo(application.repo()), repo -> new LinkedHashSet<>());
                union.addAll(project.responsibleUsers());
                union.addAll(application.responsibleUsers());
            }
        }
        Map<String, List<String>> index = new HashMap<>();
        users.forEach((repo, union) -> index.put(repo, List.copyOf(new ArrayList<>(union))));
        return Map.copyOf(index);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ProjectsConfig config && projects.equals(config.projects);
    }

    @Override
    public int hashCode() {
        return Objects.hash(projects);
    }

    @Override
    public String toString() {
        return "ProjectsConfig" + projects;
    }
}
