package dev.tasktrail.dashboard.projects;

import dev.tasktrail.testing.projects.ProjectsConfigFileTestResource;

/** The projects config file of this module's tests: {@link #INITIAL}, changed by the tests. */
public class ProjectsConfigFileResource extends ProjectsConfigFileTestResource {

    static final String INITIAL = """
            { "projects": [
                { "project": "rukipay", "displayName": "Rukipay", "responsibleUsers": ["google:alice@example.com"],
                  "applications": [ { "app": "rukipay-backend", "repo": "houlak/rukipay-backend",
                                      "responsibleUsers": ["google:bob@example.com"] },
                                    { "app": "rukipay-web", "repo": "houlak/rukipay-web" } ] },
                { "project": "reports", "applications": [ { "app": "reports", "repo": "initech/reports" } ] } ] }
            """;

    /** What {@code GET /dashboard/projects} answers for {@link #INITIAL}: no responsible users. */
    static final String INITIAL_RESPONSE = """
            {"items":[
              {"project":"rukipay","displayName":"Rukipay","applications":[
                {"app":"rukipay-backend","repo":"houlak/rukipay-backend"},
                {"app":"rukipay-web","repo":"houlak/rukipay-web"}]},
              {"project":"reports","displayName":"reports","applications":[
                {"app":"reports","repo":"initech/reports"}]}]}
            """;

    public ProjectsConfigFileResource() {
        super(INITIAL);
    }
}
