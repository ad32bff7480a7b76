package dev.tasktrail.dashboard.rest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.dashboard.projects.ProjectsConfigService;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.projects.ApplicationConfig;
import dev.tasktrail.model.projects.ProjectConfig;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.ResponseHeader;

/**
 * {@code GET /dashboard/projects}: the configured projects for the dashboard's filters (SPEC §5, §8), in config
 * order. Responsible users stay private: they are the publisher's business, not the viewers'. Projects are
 * slugs; their applications' {@code repo} is the {@code owner/repo} that task events and
 * {@code GET /dashboard/tasks?project=} use.
 */
@Path("/dashboard/projects")
@Authenticated
public class ProjectsResource {

    @Inject
    ProjectsConfigService projects;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public ObjectNode projects() {
        ObjectNode body = Json.object();
        ArrayNode items = body.putArray("items");
        for (ProjectConfig project : projects.current().projects()) {
            ObjectNode item = items.addObject();
            item.put("project", project.project());
            item.put("displayName", project.displayName());
            ArrayNode applications = item.putArray("applications");
            for (ApplicationConfig application : project.applications()) {
                applications.addObject().put("app", application.app()).put("repo", application.repo());
            }
        }
        return body;
    }
}
