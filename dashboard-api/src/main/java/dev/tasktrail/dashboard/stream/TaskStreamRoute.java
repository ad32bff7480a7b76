package dev.tasktrail.dashboard.stream;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tasktrail.dashboard.auth.DashboardAuthenticationMechanism;
import dev.tasktrail.dashboard.auth.Viewer;
import dev.tasktrail.dashboard.auth.VisibilityPolicy;
import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.dashboard.query.InvalidParameterException;
import dev.tasktrail.dashboard.query.TaskFilter;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.StreamEntryId;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code GET /dashboard/tasks/stream} (SPEC §5): Server-Sent Events of task updates, resumable.
 *
 * <p>A Vert.x route rather than a Quarkus REST method returning {@code Multi<OutboundSseEvent>}: every update is
 * encoded once and the same bytes are written to all subscribers, and the connection's own write queue
 * ({@code writeQueueFull}, drain handler) is the backpressure signal for the bounded per-client buffer. With a
 * {@code Multi}, each event would be serialized again per subscriber. Authentication is the same as for every
 * {@code /dashboard} route (the HTTP permission and {@link DashboardAuthenticationMechanism} run before routes), and
 * everything that can fail is checked before the first byte: afterwards there is no status code to answer with.
 */
@ApplicationScoped
public class TaskStreamRoute {

    public static final String PATH = "/dashboard/tasks/stream";
    static final String CURSOR_PARAMETER = "cursor";
    static final String LAST_EVENT_ID_HEADER = "Last-Event-ID";

    private static final Logger LOG = Logger.getLogger(TaskStreamRoute.class);

    private final TaskStreamHub hub;
    private final StreamReader redisReplay;
    private final VisibilityPolicy visibility;
    private final StreamMetrics metrics;
    private final Vertx vertx;
    private final DashboardConfig.Dashboard settings;

    TaskStreamRoute(TaskStreamHub hub, io.vertx.mutiny.redis.client.Redis redis, VisibilityPolicy visibility,
            StreamMetrics metrics, Vertx vertx, DashboardConfig config) {
        this.hub = hub;
        this.redisReplay = StreamReader.of(redis, config);
        this.visibility = visibility;
        this.metrics = metrics;
        this.vertx = vertx;
        this.settings = config.dashboard();
    }

    void register(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    private void open(RoutingContext routing) {
        if (!(routing.user() instanceof QuarkusHttpUser user)) {
            routing.response().setStatusCode(HttpResponseStatus.UNAUTHORIZED.code())
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .end(DashboardAuthenticationMechanism.UNAUTHORIZED_BODY);
            return;
        }
        SecurityIdentity identity = user.getSecurityIdentity();
        TaskFilter filter;
        Optional<StreamEntryId> cursor;
        try {
            filter = TaskFilter.parse(routing.request().getParam(TaskFilter.PROJECT_PARAMETER),
                    routing.queryParam(TaskFilter.STATUSES_PARAMETER));
            cursor = resumeCursor(routing);
        } catch (InvalidParameterException e) {
            ObjectNode body = Json.object();
            body.put("error", "invalid_parameter");
            body.put("parameter", e.parameter());
            body.put("message", e.getMessage());
            routing.response().setStatusCode(HttpResponseStatus.BAD_REQUEST.code())
                    .putHeader(HttpHeaderNames.CONTENT_TYPE, "application/json")
                    .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-store")
                    .end(Json.write(body));
            return;
        }
        start(routing.response(), Viewer.of(identity), filter, cursor);
    }

    /**
     * {@code Last-Event-ID} wins over {@code cursor}: a browser reconnecting on its own sends the header with the URL
     * it first opened, whose cursor is older.
     */
    private static Optional<StreamEntryId> resumeCursor(RoutingContext routing) {
        String header = routing.request().getHeader(LAST_EVENT_ID_HEADER);
        if (header != null && !header.isBlank()) {
            return Optional.of(parseCursor(LAST_EVENT_ID_HEADER, header));
        }
        String query = routing.request().getParam(CURSOR_PARAMETER);
        return query == null || query.isBlank() ? Optional.empty() : Optional.of(parseCursor(CURSOR_PARAMETER, query));
    }

    private static StreamEntryId parseCursor(String parameter, String value) {
        return StreamEntryId.tryParse(value.strip()).orElseThrow(() -> new InvalidParameterException(parameter,
                "expected a stream entry id such as 1700000000000-0 (a streamCursor or an event id)"));
    }

    private void start(HttpServerResponse response, Viewer viewer, TaskFilter filter, Optional<StreamEntryId> cursor) {
        response.setChunked(true)
                .putHeader(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaderNames.CACHE_CONTROL, "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(SseFrames.retry(settings.stream().reconnectDelay()));

        Context context = Vertx.currentContext();
        StreamSubscriber subscriber = new StreamSubscriber(response, viewer, filter, visibility, metrics,
                settings.stream().subscriberBuffer(), cursor.orElse(StreamEntryId.ZERO), hub, vertx);
        subscriber.watch(Duration.ofMillis(settings.heartbeatMs()));

        TaskStreamHub.Join join = hub.join(subscriber, context, cursor);
        if (cursor.isEmpty()) {
            subscriber.replayed(List.of(), join.latest());
        } else if (join.coveredByMemory()) {
            metrics.replayedFromMemory();
            subscriber.replayed(join.replay(), join.latest());
        } else {
            replayFromRedis(subscriber, context, cursor.get(), join.latest());
        }
    }

    private void replayFromRedis(StreamSubscriber subscriber, Context context, StreamEntryId cursor,
            StreamEntryId liveFrom) {
        redisReplay.after(cursor, settings.stream().replayMax()).subscribe().with(
                range -> context.runOnContext(ignored -> {
                    if (range.isEmpty()) {
                        subscriber.replayImpossible(liveFrom);
                        return;
                    }
                    metrics.replayedFromRedis();
                    List<TaskStreamHub.TaskEntry> entries = range.get().entries();
                    LatestVersions inReplay = new LatestVersions(entries.size());
                    // A state is left out when an earlier entry of the replay carried a newer one, or when the
                    // replica read a newer one: before the cursor (as live delivery did), or after this entry.
                    subscriber.replayed(entries.stream()
                            .map(entry -> new StreamUpdate(entry.id(), entry.item(),
                                    SseFrames.taskUpdate(entry.id(), entry.item()),
                                    inReplay.isSuperseded(entry.item()) || hub.knowsNewerState(entry.item())))
                            .toList(), range.get().upTo());
                }),
                failure -> context.runOnContext(ignored -> {
                    LOG.warnf("Cannot replay a stream from Redis, closing it so that the client retries: %s",
                            failure.toString());
                    subscriber.close();
                }));
    }
}
