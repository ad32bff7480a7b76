package dev.tasktrail.dashboard.rest;

import dev.tasktrail.dashboard.auth.Viewer;
import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.dashboard.snapshot.SnapshotPage;
import dev.tasktrail.dashboard.snapshot.SnapshotRequest;
import dev.tasktrail.dashboard.snapshot.TaskSnapshotService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jboss.resteasy.reactive.ResponseHeader;
import org.jboss.resteasy.reactive.RestQuery;

/** {@code GET /dashboard/tasks}: the snapshot of latest task states, newest first (SPEC §5). */
@Path("/dashboard/tasks")
@Authenticated
public class TaskSnapshotResource {

    @Inject
    TaskSnapshotService snapshots;

    @Inject
    SecurityIdentity identity;

    @Inject
    DashboardConfig config;

    /**
     * {@code no-store}: the answer is per viewer, and with a query token a cache could key it by URL alone.
     *
     * @param statuses comma-separated and/or repeated
     * @param from ISO-8601 instant: the oldest {@code occurredAt} listed and counted (inclusive)
     * @param to ISO-8601 instant: {@code occurredAt} below it only (exclusive)
     * @param limit like {@code from} and {@code to} kept as text, so a bad value gets the documented 400 body
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @ResponseHeader(name = "Cache-Control", value = "no-store")
    public Uni<Buffer> snapshot(@RestQuery String project, @RestQuery List<String> statuses,
            @RestQuery String from, @RestQuery String to, @RestQuery String cursor, @RestQuery String limit) {
        SnapshotRequest request = SnapshotRequest.parse(project, statuses, from, to, cursor, limit,
                config.dashboard().snapshotDefaultLimit(), config.dashboard().snapshotMaxLimit());
        return snapshots.page(request, Viewer.of(identity)).map(SnapshotPage::toJson);
    }
}
