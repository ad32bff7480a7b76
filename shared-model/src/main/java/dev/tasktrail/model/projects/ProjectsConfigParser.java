package dev.tasktrail.model.projects;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.TaskEventValidator;
import dev.tasktrail.model.Violation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the projects config JSON (SPEC §8) with the contract's Jackson tree model (no reflection):
 * <pre>{@code
 * { "projects": [ { "project": "rukipay", "displayName": "Rukipay",
 *     "responsibleUsers": ["google:alice@example.com"],
 *     "applications": [ { "app": "rukipay-backend", "repo": "houlak/rukipay-backend",
 *                         "responsibleUsers": ["google:bob@example.com"] } ] } ] }
 * }</pre>
 * Rules: {@code projects} is a required array; each {@code project} a unique slug; {@code displayName},
 * {@code responsibleUsers} and {@code applications} are optional; each application needs an {@code app} name
 * (unique in its project) and a {@code repo} {@code owner/repo}; users are identities such as
 * {@code google:alice@example.com}. Together, the users one repository gets stay within the event limit
 * ({@link TaskEventValidator#MAX_RESPONSIBLE_USERS}). Unknown fields are ignored.
 */
public final class ProjectsConfigParser {

    public static final int MAX_SLUG_LENGTH = 100;
    public static final int MAX_NAME_LENGTH = 200;
    public static final Pattern SLUG_PATTERN = Pattern.compile("[A-Za-z0-9._-]+");

    private ProjectsConfigParser() {
    }

    /**
     * @throws InvalidProjectsConfigException naming every problem, when {@code json} is not a valid config
     */
    public static ProjectsConfig parse(String json) {
        JsonNode document;
        try {
            document = Json.parse(json);
        } catch (Json.MalformedJsonException e) {
            throw new InvalidProjectsConfigException(List.of(new Violation("$", e.getMessage())));
        }
        Reader reader = new Reader();
        List<ProjectConfig> projects = reader.projects(document);
        if (!reader.problems.isEmpty()) {
            throw new InvalidProjectsConfigException(reader.problems);
        }
        return new ProjectsConfig(projects);
    }

    /** Walks one document, collecting problems. */
    private static final class Reader {
        private final List<Violation> problems = new ArrayList<>();

        List<ProjectConfig> projects(JsonNode document) {
            if (!document.isObject()) {
                fail("$", "must be a JSON object with a projects array");
                return List.of();
            }
            JsonNode projects = document.get("projects");
            if (isAbsent(projects)) {
                fail("projects", "is required");
                return List.of();
            }
            if (!projects.isArray()) {
                fail("projects", "must be an array");
                return List.of();
            }
            List<ProjectConfig> result = new ArrayList<>();
            Set<String> slugs = new HashSet<>();
            for (int i = 0; i < projects.size(); i++) {
                ProjectConfig project = project("projects[" + i + "]", projects.get(i));
                if (project != null) {
                    if (!slugs.add(project.project())) {
                        fail("projects[" + i + "].project", "duplicates project " + project.project());
                    }
                    result.add(project);
                }
            }
            checkUsersPerRepo(result);
            return result;
        }

        private ProjectConfig project(String path, JsonNode node) {
            if (!node.isObject()) {
                fail(path, "must be an object");
                return null;
            }
            String slug = requiredText(node, "project", path, MAX_SLUG_LENGTH);
            if (slug != null && !SLUG_PATTERN.matcher(slug).matches()) {
                fail(path + ".project", "may only contain letters, digits and . _ -");
            }
            String displayName = optionalText(node, "displayName", path, MAX_NAME_LENGTH);
            List<String> users = users(node, path);
            List<ApplicationConfig> applications = applications(node, path);
            return slug == null ? null : new ProjectConfig(slug, displayName, users, applications);
        }

        private List<ApplicationConfig> applications(JsonNode project, String projectPath) {
            JsonNode applications = project.get("applications");
            String path = projectPath + ".applications";
            if (isAbsent(applications)) {
                return List.of();
            }
            if (!applications.isArray()) {
                fail(path, "must be an array");
                return List.of();
            }
            List<ApplicationConfig> result = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < applications.size(); i++) {
                String itemPath = path + "[" + i + "]";
                JsonNode node = applications.get(i);
                if (!node.isObject()) {
                    fail(itemPath, "must be an object");
                    continue;
                }
                String app = requiredText(node, "app", itemPath, MAX_NAME_LENGTH);
                if (app != null && !names.add(app)) {
                    fail(itemPath + ".app", "duplicates application " + app + " of this project");
                }
                String repo = requiredText(node, "repo", itemPath, TaskEventValidator.MAX_PROJECT_LENGTH);
                if (repo != null && !TaskEventValidator.PROJECT_PATTERN.matcher(repo).matches()) {
                    fail(itemPath + ".repo", "must be owner/repo, each part letters, digits, '.', '_' or '-'");
                    repo = null;
                }
                List<String> users = users(node, itemPath);
                if (app != null && repo != null) {
                    result.add(new ApplicationConfig(app, repo, users));
                }
            }
            return result;
        }

        private List<String> users(JsonNode parent, String parentPath) {
            JsonNode users = parent.get("responsibleUsers");
            String path = parentPath + ".responsibleUsers";
            if (isAbsent(users)) {
                return List.of();
            }
            if (!users.isArray()) {
                fail(path, "must be an array of user identities");
                return List.of();
            }
            Set<String> result = new LinkedHashSet<>();
            for (int i = 0; i < users.size(); i++) {
                JsonNode user = users.get(i);
                String itemPath = path + "[" + i + "]";
                if (!user.isTextual()) {
                    fail(itemPath, "must be a string");
                } else if (user.textValue().length() > TaskEventValidator.MAX_USER_IDENTITY_LENGTH) {
                    fail(itemPath, "must be at most " + TaskEventValidator.MAX_USER_IDENTITY_LENGTH + " characters");
                } else if (!TaskEventValidator.USER_IDENTITY_PATTERN.matcher(user.textValue()).matches()) {
                    fail(itemPath, "must be provider:identity, e.g. google:alice@example.com");
                } else {
                    result.add(user.textValue());
                }
            }
            return List.copyOf(result);
        }

        /** An event holds at most MAX_RESPONSIBLE_USERS users, so the config alone must not give a repo more. */
        private void checkUsersPerRepo(List<ProjectConfig> projects) {
            ProjectsConfig config = new ProjectsConfig(projects);
            Set<String> reported = new HashSet<>();
            for (int i = 0; i < projects.size(); i++) {
                List<ApplicationConfig> applications = projects.get(i).applications();
                for (int j = 0; j < applications.size(); j++) {
                    String repo = applications.get(j).repo();
                    int count = config.responsibleUsersFor(repo).size();
                    if (count > TaskEventValidator.MAX_RESPONSIBLE_USERS && reported.add(ProjectsConfig.normalizeRepo(repo))) {
                        fail("projects[" + i + "].applications[" + j + "]", "repo " + repo + " gets " + count
                                + " responsible users from the config, at most "
                                + TaskEventValidator.MAX_RESPONSIBLE_USERS + " fit in an event");
                    }
                }
            }
        }

        private String requiredText(JsonNode parent, String name, String parentPath, int maxLength) {
            JsonNode value = parent.get(name);
            String path = parentPath + "." + name;
            if (isAbsent(value)) {
                fail(path, "is required");
                return null;
            }
            return text(value, path, maxLength);
        }

        private String optionalText(JsonNode parent, String name, String parentPath, int maxLength) {
            JsonNode value = parent.get(name);
            return isAbsent(value) ? null : text(value, parentPath + "." + name, maxLength);
        }

        private String text(JsonNode value, String path, int maxLength) {
            if (!value.isTextual()) {
                fail(path, "must be a string");
                return null;
            }
            String text = value.textValue();
            if (text.isBlank()) {
                fail(path, "must not be blank");
                return null;
            }
            if (text.codePointCount(0, text.length()) > maxLength) {
                fail(path, "must be at most " + maxLength + " characters");
                return null;
            }
            return text;
        }

        private void fail(String path, String message) {
            problems.add(new Violation(path, message));
        }

        private static boolean isAbsent(JsonNode value) {
            return value == null || value.isNull();
        }
    }
}
