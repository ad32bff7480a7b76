package dev.tasktrail.bench.sse;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchRedis;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.Latencies;
import dev.tasktrail.bench.support.ProcessCpu;
import dev.tasktrail.bench.support.ProcessMemory;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Target;
import dev.tasktrail.bench.support.Workload;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.parsetools.RecordParser;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out of the dashboard's Server-Sent Events stream: N clients hold {@code GET /dashboard/tasks/stream} open on one
 * dashboard-api (the packaged jar) while events are appended to the Redis stream at a steady rate. Reports delivered /
 * expected, the delay from the {@code XADD} to the client reading the message, the server's CPU and RSS. Baselines
 * from the same run: the same clients and events against {@link BareFanoutServer} (the least a server on the same
 * HTTP stack does to fan the stream out) and the dashboard's own RSS before the clients connect.
 */
public final class SseFanoutBenchmark implements Benchmark {

    private static final int RATE = 100;
    private static final byte[] UPDATE_EVENT_LINE = "event: task_status_updated\n".getBytes(StandardCharsets.US_ASCII);
    /** Clients whose messages are parsed for the delay; the others only count what they receive. */
    private static final int DELAY_SAMPLE_EVERY = 10;
    private static final String EXECUTION_ID_FIELD = "\"executionId\":\"";
    private static final String SLOW_CONSUMER_RESETS = "tasktrail_dashboard_stream_slow_consumer_resets_total";

    /** The server the clients stream from: the dashboard, or the baseline that only writes. */
    private enum Server {
        DASHBOARD("dashboard", ""),
        BARE("bare", "bare ");

        final String label;
        final String seriesPrefix;

        Server(String label, String seriesPrefix) {
            this.label = label;
            this.seriesPrefix = seriesPrefix;
        }
    }

    @Override
    public String name() {
        return "sse";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        List<Integer> clientCounts = context.mode().pick(List.of(100, 1000), List.of(100, 1000, 5000));
        Duration duration = context.mode().pick(Duration.ofSeconds(5), Duration.ofSeconds(20));
        Duration warmUp = context.mode().pick(Duration.ofSeconds(2), Duration.ofSeconds(5));
        Map<Integer, Series> byClients = new LinkedHashMap<>();
        for (int run = 1; run <= context.mode().runs(); run++) {
            for (int clients : clientCounts) {
                context.log("sse run %d/%d with %,d clients", run, context.mode().runs(), clients);
                Series series = byClients.computeIfAbsent(clients, ignored -> new Series());
                for (Server server : Server.values()) {
                    try (Stack stack = context.stack("sse-" + server.label + "-" + clients + "-run" + run)) {
                        measure(context, stack, server, clients, warmUp, duration, "r" + run + "c" + clients
                                + server.label, series);
                    }
                }
            }
        }

        Section section = new Section("Dashboard stream fan-out (SSE)")
                .note("One dashboard-api (fast-jar, default settings, local-auth; `" + ServiceKind.DASHBOARD.podJvmOptions()
                        + "`: the memory limit of its pod and the default options of its image's `run-java.sh`, so the JVM "
                        + "sizes and collects its heap as it would there) and N clients of "
                        + "`GET /dashboard/tasks/stream` in the benchmark JVM (Vert.x HTTP client, one connection each), "
                        + "on the same 2 cores. Events (each a new execution) are appended with `XADD` at a steady " + RATE
                        + " per second for " + duration.toSeconds() + " s, after " + warmUp.toSeconds() + " s of "
                        + "warm-up that is not measured. Delay: from just before the `XADD` to the client parsing the "
                        + "message, taken on every " + DELAY_SAMPLE_EVERY + "th client (all clients count what they "
                        + "receive). Baseline: the same clients and events, each N in the same run, against a bare "
                        + "fan-out server (`BareFanoutServer`, same JVM options): Vert.x on Netty as in Quarkus, with "
                        + "as many event loops, one `XREAD BLOCK` loop and each entry encoded once and written to "
                        + "every open response, without authentication, filters, ordering, replay, buffers or "
                        + "metrics: the cost of the writes alone on this machine. RSS: the server's resident memory at "
                        + "the end of the run, against its RSS before any client connected. CPU: cores used during the "
                        + "run by the server (and the part of it in the kernel: on loopback a write also runs the "
                        + "receiving side's TCP work) and by the benchmark's clients, which share the machine. Resets: "
                        + "clients that fell more than their buffer behind and were told to reload "
                        + "(`snapshot_refresh_required`, the server's `slow.consumer.resets` metric); their skipped "
                        + "updates count as not delivered.");
        for (Map.Entry<Integer, Series> entry : byClients.entrySet()) {
            int clients = entry.getKey();
            Series series = entry.getValue();
            String n = String.format("%,d clients: ", clients);
            section.figure(n + "delivered / expected", "ratio", series.get("delivered")).target(Target.atLeast(1.0));
            section.figure(n + "delay p50", "ms", series.get("p50")).against("bare fan-out p50", series.get("bare p50"));
            Section.Row p99 = section.figure(n + "delay p99", "ms", series.get("p99"))
                    .against("bare fan-out p99", series.get("bare p99"));
            if (clients == 1000) {
                p99.target(Target.atMost(15));
            }
            Section.Row rss = section.figure(n + "server RSS", "MiB", series.get("rss"))
                    .against("RSS before clients", series.get("idle rss"));
            if (clients == 5000) {
                rss.target(Target.atMost(300));
            }
            section.figure(n + "server peak RSS", "MiB", series.get("peak rss"));
            section.figure(n + "server CPU", "cores", series.get("server cores"))
                    .against("bare fan-out", series.get("bare server cores"));
            section.figure(n + "server CPU in the kernel", "cores", series.get("server kernel cores"))
                    .against("bare fan-out", series.get("bare server kernel cores"));
            section.figure(n + "slow-consumer resets (snapshot_refresh_required)", "resets", series.get("resets"));
            section.figure(n + "benchmark clients' CPU", "cores", series.get("client cores"))
                    .against("with bare fan-out", series.get("bare client cores"));
            section.figure(n + "bare fan-out: delivered / expected", "ratio", series.get("bare delivered"));
        }
        return section;
    }

    private static void measure(BenchmarkContext context, Stack stack, Server server, int clients, Duration warmUp,
            Duration duration, String runId, Series series) throws Exception {
        Map<String, String> jvm = Map.of("JAVA_TOOL_OPTIONS", ServiceKind.DASHBOARD.podJvmOptions());
        ServiceProcess process = switch (server) {
            case DASHBOARD -> stack.launch(ServiceKind.DASHBOARD, jvm);
            case BARE -> stack.launchMain("bare-fanout", BareFanoutServer.class, jvm, stack.redis().url(), Stack.STREAM);
        };
        process.awaitReady(Duration.ofSeconds(90));
        ProcessMemory idle = process.memory();
        int warmEvents = (int) (warmUp.toSeconds() * RATE);
        int events = (int) (duration.toSeconds() * RATE);
        Workload warmWorkload = new Workload(runId + "w", warmEvents, warmEvents, Stack.PROJECTS, Instant.now(),
                Workload.Order.BY_EXECUTION, 0);
        Workload workload = new Workload(runId, events, events, Stack.PROJECTS, Instant.now(), Workload.Order.BY_EXECUTION, 0);
        Map<String, Long> appendedAt = new ConcurrentHashMap<>();
        Latencies delays = new Latencies();
        AtomicLong delivered = new AtomicLong();

        Vertx vertx = Vertx.vertx();
        try {
            HttpClient http = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true)
                    .setIdleTimeout(0), new PoolOptions().setHttp1MaxSize(clients));
            connect(http, process.uri("/dashboard/tasks/stream"), stack.viewerToken(), clients, appendedAt, delays,
                    delivered);
            context.log("%,d clients connected to the %s server", clients, server.label);

            BenchRedis redis = stack.redisClient();
            // Warm-up, not measured: the server's JIT compiles the fan-out path, and its first collections pass.
            append(redis, warmWorkload, warmEvents, null);
            awaitDelivered(delivered, (long) warmEvents * clients);
            delivered.set(0);
            long clientPid = ProcessHandle.current().pid();
            double serverCpuBefore = ProcessCpu.seconds(process.pid());
            double serverKernelBefore = ProcessCpu.kernelSeconds(process.pid());
            double resetsBefore = server == Server.DASHBOARD ? process.metric(SLOW_CONSUMER_RESETS, "") : 0;
            double clientCpuBefore = ProcessCpu.seconds(clientPid);
            long start = System.nanoTime();
            append(redis, workload, events, appendedAt);
            long expected = (long) events * clients;
            awaitDelivered(delivered, expected);
            ProcessMemory memory = process.memory();
            double seconds = (System.nanoTime() - start) / 1e9;
            double serverCores = (ProcessCpu.seconds(process.pid()) - serverCpuBefore) / seconds;
            double clientCores = (ProcessCpu.seconds(clientPid) - clientCpuBefore) / seconds;
            double serverKernelCores = (ProcessCpu.kernelSeconds(process.pid()) - serverKernelBefore) / seconds;

            String key = server.seriesPrefix;
            series.add(key + "delivered", (double) delivered.get() / expected);
            series.add(key + "p50", delays.percentileMillis(50));
            series.add(key + "p99", delays.percentileMillis(99));
            series.add(key + "server cores", serverCores);
            series.add(key + "server kernel cores", serverKernelCores);
            series.add(key + "client cores", clientCores);
            context.log("%s server, %,d clients: delivered %,d of %,d; delay p50 %.1f ms, p99 %.1f ms; RSS %.0f MiB "
                            + "(peak %.0f, before clients %.0f); CPU: server %.2f cores (%.2f in the kernel), clients %.2f",
                    server.label, clients, delivered.get(), expected, delays.percentileMillis(50),
                    delays.percentileMillis(99), memory.rssMiB(), memory.peakRssMiB(), idle.rssMiB(), serverCores,
                    serverKernelCores, clientCores);
            if (server == Server.DASHBOARD) {
                double resets = process.metric(SLOW_CONSUMER_RESETS, "") - resetsBefore;
                series.add("rss", memory.rssMiB());
                series.add("peak rss", memory.peakRssMiB());
                series.add("idle rss", idle.rssMiB());
                series.add("resets", resets);
                context.log("dashboard server: %.0f slow-consumer resets", resets);
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Appends the events at {@value #RATE} per second; with {@code appendedAt}, notes when each was appended, keyed by
     * execution (one per event), known before the {@code XADD}: a reader may see the entry before its reply is back.
     */
    private static void append(BenchRedis redis, Workload workload, int events, Map<String, Long> appendedAt) {
        long period = TimeUnit.SECONDS.toNanos(1) / RATE;
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long wait = start + i * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (appendedAt != null) {
                appendedAt.put(workload.event(i).executionId(), System.nanoTime());
            }
            redis.send(BenchRedis.xadd(Stack.STREAM, workload.json(i)));
        }
    }

    /** Waits up to 30 s for the clients to have received {@code expected} updates in all. */
    private static void awaitDelivered(AtomicLong delivered, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (delivered.get() < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    /** Opens the streams a few hundred at a time and waits until every one answered 200. */
    private static void connect(HttpClient http, URI uri, String token, int clients, Map<String, Long> appendedAt,
            Latencies delays, AtomicLong delivered) throws InterruptedException {
        CountDownLatch open = new CountDownLatch(clients);
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        RequestOptions request = new RequestOptions().setMethod(HttpMethod.GET).setHost(uri.getHost())
                .setPort(uri.getPort()).setURI(uri.getRawPath()).putHeader("Authorization", "Bearer " + token)
                .putHeader("Accept", "text/event-stream");
        for (int i = 0; i < clients; i++) {
            boolean sampled = i % DELAY_SAMPLE_EVERY == 0;
            http.request(request)
                    .compose(req -> req.send())
                    .onSuccess(response -> {
                        if (response.statusCode() != 200) {
                            failures.add(new IllegalStateException("stream answered " + response.statusCode()));
                        }
                        RecordParser messages = RecordParser.newDelimited("\n\n", message -> {
                            if (isUpdate(message)) {
                                delivered.incrementAndGet();
                                if (sampled) {
                                    Long appended = appendedAt.get(executionId(message.toString(StandardCharsets.UTF_8)));
                                    if (appended != null) {
                                        delays.recordNanos(System.nanoTime() - appended);
                                    }
                                }
                            }
                        });
                        response.handler(messages);
                        open.countDown();
                    })
                    .onFailure(failure -> {
                        failures.add(failure);
                        open.countDown();
                    });
            if (i % 200 == 199) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        if (!open.await(120, TimeUnit.SECONDS) || !failures.isEmpty()) {
            throw new IllegalStateException("streams did not open: " + (failures.isEmpty() ? "timeout" : failures.get(0)));
        }
    }

    /** A {@code task_status_updated} message: its second line names the event. */
    private static boolean isUpdate(Buffer message) {
        int lineEnd = 0;
        while (lineEnd < message.length() && message.getByte(lineEnd) != '\n') {
            lineEnd++;
        }
        int from = lineEnd + 1;
        if (from + UPDATE_EVENT_LINE.length > message.length()) {
            return false;
        }
        for (int i = 0; i < UPDATE_EVENT_LINE.length; i++) {
            if (message.getByte(from + i) != UPDATE_EVENT_LINE[i]) {
                return false;
            }
        }
        return true;
    }

    private static String executionId(String json) {
        int start = json.indexOf(EXECUTION_ID_FIELD) + EXECUTION_ID_FIELD.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
