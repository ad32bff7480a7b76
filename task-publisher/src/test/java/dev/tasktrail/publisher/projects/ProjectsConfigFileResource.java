package dev.tasktrail.publisher.projects;

import dev.tasktrail.testing.projects.ProjectsConfigFileTestResource;
import java.util.stream.IntStream;

/** The projects config file of this module's tests: {@link #INITIAL}, changed by the tests. */
public class ProjectsConfigFileResource extends ProjectsConfigFileTestResource {

    /** Alice for the project, Bob for the backend application, and a repository with 60 users. */
    static final String INITIAL = """
            { "projects": [
                { "project": "rukipay", "displayName": "Rukipay", "responsibleUsers": ["google:alice@example.com"],
                  "applications": [ { "app": "rukipay-backend", "repo": "houlak/rukipay-backend",
                                      "responsibleUsers": ["google:bob@example.com"] } ] },
                { "project": "crowded", "responsibleUsers": [%s],
                  "applications": [ { "app": "crowded", "repo": "houlak/crowded" } ] } ] }
            """.formatted(String.join(",", IntStream.range(0, 60)
                    .mapToObj(i -> "\"google:user" + i + "@example.com\"").toList()));

    public ProjectsConfigFileResource() {
        super(INITIAL);
    }
}
