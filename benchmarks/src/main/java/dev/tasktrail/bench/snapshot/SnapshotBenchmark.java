package dev.tasktrail.bench.snapshot;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchRedis;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.Latencies;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Target;
import dev.tasktrail.bench.support.Workload;
import dev.tasktrail.model.Json;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.projector.projection.ProjectionRequests;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.LuaScript;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Latency of a dashboard snapshot page (`GET /dashboard/tasks`) over a million projected executions, with and without
 * a status filter, against the same reads sent straight to Redis from one client: {@code ZREVRANGEBYSCORE} of the
 * index and a pipelined {@code HGETALL} of the page's hashes.
 */
public final class SnapshotBenchmark implements Benchmark {

    private static final int PAGE = 50;
    /** A reader walks this many pages down the index, following the cursor, then starts again from the top. */
    private static final int PAGES_PER_WALK = 20;
    private static final int FILL_PIPELINE = 1000;
    private static final double P99_TARGET_MS = 10;
    private static final double RATIO_TARGET = 3;

    /** One query: the snapshot's {@code statuses} parameter (none: every status) and the indexes it reads. */
    private enum Query {
        ALL("every status", List.of()),
        ONE_STATUS("statuses=error", List.of(TaskStatus.ERROR)),
        TWO_STATUSES("statuses=in_progress,error", List.of(TaskStatus.IN_PROGRESS, TaskStatus.ERROR));

        final String label;
        final List<TaskStatus> statuses;

        Query(String label, List<TaskStatus> statuses) {
            this.label = label;
            this.statuses = statuses;
        }

        List<String> indexes() {
            return statuses.isEmpty() ? List.of(RedisKeys.GLOBAL_INDEX)
                    : statuses.stream().map(RedisKeys::statusIndex).toList();
        }

        String path(String cursor) {
            StringBuilder path = new StringBuilder("/dashboard/tasks?limit=").append(PAGE);
            if (!statuses.isEmpty()) {
                path.append("&statuses=").append(String.join(",", statuses.stream().map(TaskStatus::wireName).toList()));
            }
            if (cursor != null) {
                path.append("&cursor=").append(URLEncoder.encode(cursor, StandardCharsets.UTF_8));
            }
            return path.toString();
        }
    }

    @Override
    public String name() {
        return "snapshot";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        int executions = context.mode().pick(100_000, 1_000_000);
        int requests = context.mode().pick(2_000, 10_000);
        int warmUp = context.mode().pick(1_000, 5_000);
        Series series = new Series();
        try (Stack stack = context.stack("snapshot")) {
            BenchRedis redis = stack.redisClient();
            long began = System.nanoTime();
            fill(redis, executions);
            context.log("projected %,d executions in %.0f s", executions, (System.nanoTime() - began) / 1e9);
            ServiceProcess dashboard = stack.startReady(ServiceKind.DASHBOARD).get(0);
            try (SnapshotClient http = new SnapshotClient(dashboard.uri("/"), stack.viewerToken())) {
                for (Query query : Query.values()) {
                    viaService(http, query, warmUp);
                    viaRedis(redis, query, warmUp);
                }
                for (int run = 1; run <= context.mode().runs(); run++) {
                    for (Query query : Query.values()) {
                        Latencies service = viaService(http, query, requests);
                        Latencies baseline = viaRedis(redis, query, requests);
                        series.add(query + " p50", service.percentileMillis(50));
                        series.add(query + " p99", service.percentileMillis(99));
                        series.add(query + " baseline p50", baseline.percentileMillis(50));
                        series.add(query + " baseline p99", baseline.percentileMillis(99));
                        context.log("run %d, %s: p50 %.2f ms, p99 %.2f ms; raw Redis p50 %.2f ms, p99 %.2f ms", run,
                                query.label, service.percentileMillis(50), service.percentileMillis(99),
                                baseline.percentileMillis(50), baseline.percentileMillis(99));
                    }
                }
            }
        }

        Section section = new Section("Snapshot")
                .note(String.format("%,d executions projected by the projector's own `project-event.lua` (one event "
                        + "each: 70 %% success, 10 %% error, 20 %% in_progress; 10 projects), then one dashboard-api "
                        + "(local-auth, a signed viewer token, visibility not enforced) asked for pages of %d by one "
                        + "client (Vert.x HTTP client, HTTP/1.1 keep-alive, awaited like the baseline's Redis client), "
                        + "one request after the other: %,d requests per "
                        + "query and run after %,d of warm-up. Each reader walks %d pages down the index by `nextCursor`, "
                        + "then starts again from the top. Baseline: the same walk straight to Redis from one "
                        + "connection: `ZREVRANGEBYSCORE <index> <max> -inf WITHSCORES LIMIT 0 %d` (one per status index, "
                        + "pipelined, merged by score, for several statuses), then the page's `HGETALL`s in one "
                        + "pipeline. The service does more per page: cursor positioning, the stream position and the "
                        + "counts in its index script, token verification, JSON. Latency is per page.",
                        executions, PAGE, requests, warmUp, PAGES_PER_WALK, PAGE));
        for (Query query : Query.values()) {
            section.figure(query.label + ": page p50", "ms", series.get(query + " p50"))
                    .against("raw Redis p50", series.get(query + " baseline p50"));
            section.figure(query.label + ": page p99", "ms", series.get(query + " p99"))
                    .against("raw Redis p99", series.get(query + " baseline p99"))
                    .target(Target.ratioAtMost(RATIO_TARGET));
            section.figure(query.label + ": page p99 against " + P99_TARGET_MS + " ms", "ms", series.get(query + " p99"))
                    .target(Target.atMost(P99_TARGET_MS));
        }
        return section;
    }

    /**
     * One event per execution through the projection script, pipelined: the keys are exactly what the projector
     * writes. Executions alternate over the statuses so each status index is long.
     */
    private static void fill(BenchRedis redis, int executions) {
        redis.flushAll();
        // The stream and the projector's group, as the snapshot's stream position reads them.
        redis.send(Request.cmd(Command.XGROUP).arg("CREATE").arg(Stack.STREAM).arg(Stack.PROJECTOR_GROUP).arg("$")
                .arg("MKSTREAM"));
        LuaScript script = ProjectionRequests.script();
        redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.body()));
        // Two events per execution (in_progress, then success or error for one in ten); one of them is projected.
        Workload workload = new Workload("snap", executions * 2, executions, Stack.PROJECTS, Instant.now(),
                Workload.Order.BY_EXECUTION, 0);
        long firstMillis = System.currentTimeMillis();
        List<Request> pipeline = new ArrayList<>(FILL_PIPELINE);
        for (int execution = 0; execution < executions; execution++) {
            int position = 2 * execution + (execution % 5 == 3 ? 0 : 1);
            StreamEntryId id = new StreamEntryId(firstMillis + execution / 50, execution % 50);
            pipeline.add(ProjectionRequests.request(new ConsumedEntry(id, "", workload.event(position), 1)));
            if (pipeline.size() == FILL_PIPELINE || execution == executions - 1) {
                redis.pipeline(pipeline);
                pipeline.clear();
            }
        }
        long projected = redis.send(Request.cmd(Command.ZCARD).arg(RedisKeys.GLOBAL_INDEX)).toLong();
        if (projected != executions) {
            throw new IllegalStateException("the global index holds " + projected + " executions, expected " + executions);
        }
    }

    private static Latencies viaService(SnapshotClient http, Query query, int requests) {
        Latencies latencies = new Latencies();
        String cursor = null;
        for (int i = 0; i < requests; i++) {
            if (i % PAGES_PER_WALK == 0) {
                cursor = null;
            }
            long sent = System.nanoTime();
            String page = http.get(query.path(cursor));
            latencies.recordNanos(System.nanoTime() - sent);
            JsonNode body = Json.parse(page);
            if (body.get("items").size() != PAGE) {
                throw new IllegalStateException("a page of " + body.get("items").size() + " items, expected " + PAGE);
            }
            cursor = body.path("nextCursor").asText(null);
        }
        return latencies;
    }

    private static Latencies viaRedis(BenchRedis redis, Query query, int requests) {
        Latencies latencies = new Latencies();
        String max = "+inf";
        for (int i = 0; i < requests; i++) {
            if (i % PAGES_PER_WALK == 0) {
                max = "+inf";
            }
            long sent = System.nanoTime();
            List<Request> ranges = new ArrayList<>();
            for (String index : query.indexes()) {
                ranges.add(Request.cmd(Command.ZREVRANGEBYSCORE).arg(index).arg(max).arg("-inf").arg("WITHSCORES")
                        .arg("LIMIT").arg(0).arg(PAGE));
            }
            List<Map.Entry<String, Double>> page = new ArrayList<>();
            for (Response range : redis.pipeline(ranges)) {
                for (int j = 0; j + 1 < range.size(); j += 2) {
                    page.add(Map.entry(range.get(j).toString(), range.get(j + 1).toDouble()));
                }
            }
            if (query.indexes().size() > 1) {
                page.sort(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()));
            }
            page = page.subList(0, Math.min(PAGE, page.size()));
            List<Request> hashes = new ArrayList<>(page.size());
            for (Map.Entry<String, Double> entry : page) {
                hashes.add(Request.cmd(Command.HGETALL).arg(RedisKeys.execution(entry.getKey())));
            }
            List<Response> read = redis.pipeline(hashes);
            latencies.recordNanos(System.nanoTime() - sent);
            if (read.size() != PAGE) {
                throw new IllegalStateException("a raw page of " + read.size() + " hashes, expected " + PAGE);
            }
            // Exclusive of the last score: ties at a page boundary are skipped, which only makes the baseline cheaper.
            max = "(" + page.get(page.size() - 1).getValue().longValue();
        }
        return latencies;
    }
}
