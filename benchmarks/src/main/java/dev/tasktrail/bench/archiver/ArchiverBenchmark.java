package dev.tasktrail.bench.archiver;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchRedis;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.ConsumerGroupClock;
import dev.tasktrail.bench.support.ProcessMemory;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Target;
import dev.tasktrail.bench.support.Workload;
import dev.tasktrail.testing.s3.S3ProxyServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The archiver: events per second archived from a backlog, after a warm-up, into the in-process S3Proxy, against raw
 * {@code PutObject} of the same JSONL objects from one client; then its memory while S3 is down (S3Proxy stopped:
 * connections refused) and the stream holds far more than its buffer, sampled from {@code /proc} and its metrics.
 */
public final class ArchiverBenchmark implements Benchmark {

    /** Events per object, the archiver's default {@code TASK_ARCHIVER_BATCH_MAX_EVENTS}. */
    private static final int OBJECT_EVENTS = 1000;
    private static final Duration SAMPLE = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    @Override
    public String name() {
        return "archiver";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        int events = context.mode().pick(20_000, 200_000);
        int warmUpEvents = context.mode().pick(20_000, 100_000);
        int stallEvents = context.mode().pick(60_000, 300_000);
        String bufferMax = context.mode().pick("8M", "64M");
        Duration stall = context.mode().pick(Duration.ofSeconds(8), Duration.ofSeconds(40));
        Series series = new Series();

        for (int run = 1; run <= context.mode().runs(); run++) {
            context.log("archiver run %d/%d", run, context.mode().runs());
            try (Stack stack = context.stack("archiver-run" + run)) {
                BenchRedis redis = stack.redisClient();
                S3ProxyServer s3 = stack.s3();
                Workload workload = new Workload("arch" + run, events, events / 10, Stack.PROJECTS, Instant.now(),
                        Workload.Order.MIXED, run);

                Workload warmUp = new Workload("warm" + run, warmUpEvents, warmUpEvents / 10, Stack.PROJECTS,
                        Instant.now(), Workload.Order.MIXED, run);
                // The baseline's client and S3Proxy warm up too, on the warm-up events.
                putObjects(s3, warmUp, "baseline-warm-up");
                double baseline = putObjects(s3, workload, "baseline");
                series.add("baseline", baseline);
                context.log("baseline: PutObject of %d-event JSONL objects, one client: %,.0f events/s", OBJECT_EVENTS, baseline);

                // Warm-up, not measured: the archiver's JIT compiles its hot paths (a service runs for days; a cold
                // burst of a few seconds would measure the compiler).
                redis.append(Stack.STREAM, warmUpEvents, warmUp::json, 1000);
                // Batches close at 1 000 events; a short age limit only ends the last, partial ones sooner.
                ServiceProcess archiver = stack.launch(ServiceKind.ARCHIVER, Map.of("TASK_ARCHIVER_BATCH_MAX_AGE", "1s"));
                ConsumerGroupClock.entriesPerSecond(redis, Stack.STREAM, Stack.ARCHIVER_GROUP, TIMEOUT);

                redis.append(Stack.STREAM, events, workload::json, 1000);
                double rate = ConsumerGroupClock.entriesPerSecond(redis, Stack.STREAM, Stack.ARCHIVER_GROUP, TIMEOUT);
                double archived = archiver.metric("tasktrail_archiver_events_archived_total", "");
                if (archived != warmUpEvents + events) {
                    throw new IllegalStateException("the archiver counted " + archived + " events archived, expected "
                            + (warmUpEvents + events));
                }
                series.add("rate", rate);
                context.log("archiver: %,.0f events/s", rate);
                stack.stop(archiver);

                stalled(context, stack, redis, s3, series, run, stallEvents, bufferMax, stall);
            }
        }

        Section section = new Section("Archiver")
                .note("Throughput: one archiver (defaults; `TASK_ARCHIVER_BATCH_MAX_AGE=1s` so the last partial batches "
                        + "do not wait 5 s) writing into the in-process S3Proxy (in-memory store, in the harness JVM) first "
                        + "archives " + String.format("%,d", warmUpEvents) + " events of warm-up (not measured: its JIT "
                        + "compiles the hot paths), then " + String.format("%,d", events) + " events (10 projects, one day) "
                        + "are appended at once (pipelined `XADD`, far faster than it archives, so they form a backlog); "
                        + "rate from the first of them its group read to the last acknowledged. Baseline (after the same "
                        + "warm-up): the same events as "
                        + OBJECT_EVENTS + "-event JSONL objects, `PutObject` one after the other from one AWS SDK client.\n")
                .note("Stalled S3: an archiver with `TASK_ARCHIVER_BUFFER_MAX_BYTES=" + bufferMax + "`, its JVM sized as in its "
                        + "pod (`" + ServiceKind.ARCHIVER.podJvmOptions() + "`: the pod's memory limit and the default "
                        + "options of its image's `run-java.sh`), is started and ready, "
                        + "S3Proxy is stopped (connections refused), " + String.format("%,d", stallEvents) + " events are "
                        + "appended (far more than the buffer holds), and for " + stall.toSeconds() + " s its `VmRSS` "
                        + "(`/proc/<pid>/status`), heap used (`jvm_memory_used_bytes{area=\"heap\"}`) and "
                        + "`tasktrail_archiver_buffer_bytes` are sampled every " + SAMPLE.toMillis() + " ms. Flatness: RSS at "
                        + "the end of the stall against RSS at its middle. Then S3Proxy is started again and the time until "
                        + "every event is archived is measured (it includes the upload retry backoff, up to 30 s).");
        section.figure("archived", "events/s", series.get("rate"))
                .against("PutObject", series.get("baseline")).target(Target.atLeast(20_000));
        section.figure("peak RSS while S3 stalled", "MiB", series.get("stall peak rss"))
                .against("idle RSS before", series.get("idle rss"))
                .target(Target.atMost(ServiceKind.ARCHIVER.podMemoryLimitMib()));
        section.figure("RSS change over the 2nd half of the stall", "%", series.get("stall rss growth"))
                .target(Target.atMost(10));
        section.figure("peak heap used while S3 stalled", "MiB", series.get("stall peak heap"));
        section.figure("peak buffer held while S3 stalled", "MiB", series.get("stall peak buffer"));
        section.figure("events read while S3 stalled", "events", series.get("stall read"));
        section.figure("time to archive the backlog once S3 is back", "s", series.get("drain"));
        return section;
    }

    /** Writes the workload as JSONL objects of {@link #OBJECT_EVENTS} events, one PutObject after the other. */
    private static double putObjects(S3ProxyServer s3, Workload workload, String prefix) {
        long began = System.nanoTime();
        for (int first = 0; first < workload.size(); first += OBJECT_EVENTS) {
            StringBuilder lines = new StringBuilder();
            for (int i = first; i < Math.min(workload.size(), first + OBJECT_EVENTS); i++) {
                lines.append(workload.json(i)).append('\n');
            }
            String key = prefix + "/events-" + first + ".jsonl";
            s3.client().putObject(request -> request.bucket(Stack.BUCKET).key(key).contentType("application/x-ndjson"),
                    RequestBody.fromString(lines.toString()));
        }
        return workload.size() / ((System.nanoTime() - began) / 1e9);
    }

    private static void stalled(BenchmarkContext context, Stack stack, BenchRedis redis, S3ProxyServer s3, Series series,
            int run, int events, String bufferMax, Duration stall) throws Exception {
        redis.flushAll();
        ServiceProcess archiver = stack.launch(ServiceKind.ARCHIVER,
                Map.of("TASK_ARCHIVER_BUFFER_MAX_BYTES", bufferMax, "JAVA_TOOL_OPTIONS", ServiceKind.ARCHIVER.podJvmOptions()));
        archiver.awaitReady(Duration.ofSeconds(90));
        series.add("idle rss", archiver.memory().rssMiB());
        s3.stop();
        try {
            redis.append(Stack.STREAM, events, new Workload("stall" + run, events, events / 10, Stack.PROJECTS,
                    Instant.now(), Workload.Order.MIXED, run)::json, 1000);
            List<Double> rss = new ArrayList<>();
            double peakHeap = 0;
            double peakBuffer = 0;
            long end = System.nanoTime() + stall.toNanos();
            while (System.nanoTime() < end) {
                rss.add(archiver.memory().rssMiB());
                peakHeap = Math.max(peakHeap, archiver.metric("jvm_memory_used_bytes", "area=\"heap\"") / (1 << 20));
                peakBuffer = Math.max(peakBuffer, archiver.metric("tasktrail_archiver_buffer_bytes", "") / (1 << 20));
                Thread.sleep(SAMPLE.toMillis());
            }
            ProcessMemory memory = archiver.memory();
            double middle = rss.get(rss.size() / 2);
            double last = rss.get(rss.size() - 1);
            long read = redis.group(Stack.STREAM, Stack.ARCHIVER_GROUP).map(BenchRedis.GroupProgress::entriesRead).orElse(0L);
            series.add("stall peak rss", memory.peakRssMiB());
            series.add("stall rss growth", (last - middle) / middle * 100);
            series.add("stall peak heap", peakHeap);
            series.add("stall peak buffer", peakBuffer);
            series.add("stall read", read);
            context.log("stalled S3: RSS %.0f → %.0f MiB over the 2nd half, peak %.0f MiB, heap ≤ %.0f MiB, buffer ≤ %.1f MiB, "
                    + "%,d of %,d events read", middle, last, memory.peakRssMiB(), peakHeap, peakBuffer, read, events);
        } finally {
            s3.restart();
        }
        long restarted = System.nanoTime();
        long deadline = restarted + TIMEOUT.toNanos();
        while (!redis.group(Stack.STREAM, Stack.ARCHIVER_GROUP).map(progress -> progress.settled(events)).orElse(false)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the archiver did not archive the backlog within " + TIMEOUT + " after S3 came back");
            }
            Thread.sleep(50);
        }
        series.add("drain", (System.nanoTime() - restarted) / 1e9);
        stack.stop(archiver);
    }
}
