package dev.tasktrail.bench.publisher;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchRedis;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.ClosedLoop;
import dev.tasktrail.bench.support.ProcessCpu;
import dev.tasktrail.bench.support.PublisherClient;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Target;
import dev.tasktrail.bench.support.Workload;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Events per second the publisher accepts over HTTP (single posts from many clients; batches of 100 and 500) and
 * its request latency, against pipelined {@code XADD} of the same JSON from one client straight to Redis.
 */
public final class PublisherBenchmark implements Benchmark {

    private static final int PIPELINE = 500;

    @Override
    public String name() {
        return "publisher";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        int singleClients = context.mode().pick(8, 16);
        int batchClients = 4;
        Duration duration = context.mode().pick(Duration.ofSeconds(3), Duration.ofSeconds(10));
        Duration warmUp = context.mode().pick(Duration.ofSeconds(2), Duration.ofSeconds(5));
        int baselineEvents = context.mode().pick(50_000, 200_000);
        Series series = new Series();

        for (int run = 1; run <= context.mode().runs(); run++) {
            context.log("publisher run %d/%d", run, context.mode().runs());
            String runId = "r" + run;
            try (Stack stack = context.stack("publisher-run" + run)) {
                ServiceProcess publisher = stack.startReady(ServiceKind.PUBLISHER).get(0);
                PublisherClient client = new PublisherClient(publisher, stack.apiKey());
                BenchRedis redis = stack.redisClient();

                // JIT warm-up on both endpoints; not counted.
                singles(client, events("warm" + run), singleClients, warmUp.dividedBy(2));
                batches(client, events("warmb" + run), batchClients, 100, warmUp.dividedBy(2));

                redis.flushAll();
                Workload baselineWorkload = events("base" + run);
                long began = System.nanoTime();
                redis.append(Stack.STREAM, baselineEvents, baselineWorkload::json, PIPELINE);
                double baseline = baselineEvents / ((System.nanoTime() - began) / 1e9);
                series.add("baseline", baseline);
                context.log("baseline: pipelined XADD %,.0f events/s", baseline);

                measure(context, series, "single", publisher,
                        () -> singles(client, events("single" + runId), singleClients, duration));
                redis.flushAll();
                measure(context, series, "batch100", publisher,
                        () -> batches(client, events("b100-" + runId), batchClients, 100, duration));
                redis.flushAll();
                measure(context, series, "batch500", publisher,
                        () -> batches(client, events("b500-" + runId), batchClients, 500, duration));
            }
        }

        Section section = new Section("Publisher")
                .note("Events accepted per second by one task-publisher over HTTP (JDK HttpClient, HTTP/1.1 keep-alive; "
                        + "closed loop: each client waits for its answer) for " + duration.toSeconds() + " s per case after a "
                        + warmUp.toSeconds() + " s warm-up: single posts (`POST /v1/events`) from " + singleClients
                        + " clients, batches (`POST /v1/events/batch`) of 100 and 500 from " + batchClients + " clients. "
                        + "Events are realistic (about 400 bytes, unique `eventId`, enriched from a projects config). "
                        + "Baseline: " + baselineEvents + " `XADD task-events:v1 * event <same JSON>` from one client, "
                        + PIPELINE + " per pipeline, straight to Redis (no validation, no idempotency record). "
                        + "Latency is per request (a batch request carries 100 or 500 events). CPU: the publisher process's "
                        + "user + system time (`/proc/<pid>/stat`) during the case, per 1 000 events accepted, and the same for "
                        + "the harness JVM that runs the clients (on a 2-core machine both compete for the same cores).");
        List<Double> baseline = series.get("baseline");
        section.figure("single posts, " + singleClients + " clients", "events/s", series.get("single rate"))
                .against("pipelined XADD", baseline);
        section.figure("batches of 100, " + batchClients + " clients", "events/s", series.get("batch100 rate"))
                .against("pipelined XADD", baseline).target(Target.ratioAtLeast(0.30));
        section.figure("batches of 500, " + batchClients + " clients", "events/s", series.get("batch500 rate"))
                .against("pipelined XADD", baseline).target(Target.ratioAtLeast(0.30));
        for (String kind : List.of("single", "batch100", "batch500")) {
            String label = kind.equals("single") ? "single post" : "batch of " + kind.substring(5);
            section.figure(label + " latency p50", "ms", series.get(kind + " p50"));
            section.figure(label + " latency p99", "ms", series.get(kind + " p99"));
        }
        for (String kind : List.of("single", "batch100", "batch500")) {
            String label = kind.equals("single") ? "single posts" : "batches of " + kind.substring(5);
            section.figure("publisher CPU per 1 000 events, " + label, "CPU ms", series.get(kind + " cpu"));
            section.figure("client (harness) CPU per 1 000 events, " + label, "CPU ms", series.get(kind + " client cpu"));
        }
        return section;
    }

    private static Workload events(String runId) {
        // Two events per execution (in_progress, then success or error), in execution order; made lazily.
        return new Workload(runId, 100_000_000, 50_000_000, Stack.PROJECTS, Instant.now(), Workload.Order.BY_EXECUTION, 0);
    }

    private static ClosedLoop.Result singles(PublisherClient client, Workload workload, int clients, Duration duration)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(clients, duration, () -> {
            client.publish(workload.json(next.getAndIncrement()));
            return 1;
        });
    }

    private static ClosedLoop.Result batches(PublisherClient client, Workload workload, int clients, int size,
            Duration duration) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return ClosedLoop.run(clients, duration, () -> {
            int first = next.getAndAdd(size);
            List<String> jsons = new ArrayList<>(size);
            for (int i = first; i < first + size; i++) {
                jsons.add(workload.json(i));
            }
            return client.publishBatch(jsons);
        });
    }

    @FunctionalInterface
    private interface Case {
        ClosedLoop.Result run() throws InterruptedException;
    }

    /** Runs one case; records its rate, latency percentiles and the publisher's CPU time per 1 000 events. */
    private static void measure(BenchmarkContext context, Series series, String kind, ServiceProcess publisher, Case load)
            throws InterruptedException {
        long harness = ProcessHandle.current().pid();
        double cpuBefore = ProcessCpu.seconds(publisher.pid());
        double clientCpuBefore = ProcessCpu.seconds(harness);
        ClosedLoop.Result result = load.run();
        series.add(kind + " cpu", (ProcessCpu.seconds(publisher.pid()) - cpuBefore) * 1e6 / result.events());
        series.add(kind + " client cpu", (ProcessCpu.seconds(harness) - clientCpuBefore) * 1e6 / result.events());
        record(context, series, kind, result);
    }

    private static void record(BenchmarkContext context, Series series, String kind, ClosedLoop.Result result) {
        series.add(kind + " rate", result.eventsPerSecond());
        series.add(kind + " p50", result.latencies().percentileMillis(50));
        series.add(kind + " p99", result.latencies().percentileMillis(99));
        context.log("%s: %,.0f events/s, p50 %.2f ms, p99 %.2f ms (%d requests)", kind, result.eventsPerSecond(),
                result.latencies().percentileMillis(50), result.latencies().percentileMillis(99), result.latencies().count());
    }
}
