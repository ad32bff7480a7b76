package dev.tasktrail.bench.projector;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchRedis;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.ConsumerGroupClock;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Target;
import dev.tasktrail.bench.support.Workload;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.projector.projection.ProjectionRequests;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.LuaScript;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Events per second projected from a pre-filled stream by one and by two projector instances, against the
 * projector's own projection script sent pipelined from one client.
 */
public final class ProjectorBenchmark implements Benchmark {

    private static final int BASELINE_PIPELINE = 1000;
    private static final int FILL_PIPELINE = 1000;
    private static final Duration TIMEOUT = Duration.ofMinutes(15);

    @Override
    public String name() {
        return "projector";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        int events = context.mode().pick(30_000, 1_000_000);
        int executions = events / 10;
        Series series = new Series();

        for (int run = 1; run <= context.mode().runs(); run++) {
            context.log("projector run %d/%d: %,d events over %,d executions", run, context.mode().runs(), events, executions);
            Workload workload = new Workload("proj" + run, events, executions, Stack.PROJECTS, Instant.now(),
                    Workload.Order.MIXED, run);
            try (Stack stack = context.stack("projector-run" + run)) {
                BenchRedis redis = stack.redisClient();

                double baseline = baseline(redis, workload);
                series.add("baseline", baseline);
                context.log("baseline: projection script pipelined from one client, %,.0f events/s", baseline);

                for (int instances = 1; instances <= 2; instances++) {
                    redis.flushAll();
                    redis.append(Stack.STREAM, events, workload::json, FILL_PIPELINE);
                    List<ServiceProcess> projectors = new ArrayList<>();
                    for (int i = 0; i < instances; i++) {
                        projectors.add(stack.launch(ServiceKind.PROJECTOR, Map.of()));
                    }
                    double rate = ConsumerGroupClock.entriesPerSecond(redis, Stack.STREAM, Stack.PROJECTOR_GROUP, TIMEOUT);
                    requireAllProjected(redis, executions);
                    series.add(instances + " instances", rate);
                    context.log("%d projector(s): %,.0f events/s", instances, rate);
                    projectors.forEach(stack::stop);
                }
            }
        }

        List<Double> baseline = series.get("baseline");
        Section section = new Section("Projector")
                .note("A stream pre-filled with " + String.format("%,d", events) + " events over "
                        + String.format("%,d", executions) + " executions (10 each: in_progress steps, then success or "
                        + "error) in mixed order (time order shuffled within blocks of 64), then projector instances "
                        + "started on it with default settings (batch 100). Rate: from the first entry the group read to "
                        + "the last acknowledged (`XINFO GROUPS` every 20 ms), so start-up is left out. Baseline: the "
                        + "projector's own `project-event.lua` (loaded from its module, placeholders filled by its "
                        + "`ProjectionScript`), the same `EVALSHA` per event built by the same code, " + BASELINE_PIPELINE
                        + " per pipeline from one connection, into an empty Redis.");
        section.figure("one projector", "events/s", series.get("1 instances"))
                .against("script pipelined", baseline).target(Target.ratioAtLeast(0.50));
        section.figure("two projectors", "events/s", series.get("2 instances"))
                .against("script pipelined", baseline);
        return section;
    }

    /** The projection script over the whole workload, pipelined from one connection; events per second. */
    private static double baseline(BenchRedis redis, Workload workload) {
        redis.flushAll();
        LuaScript script = ProjectionRequests.script();
        redis.send(Request.cmd(Command.SCRIPT).arg("LOAD").arg(script.body()));
        long firstMillis = System.currentTimeMillis();
        long began = System.nanoTime();
        List<Request> pipeline = new ArrayList<>(BASELINE_PIPELINE);
        for (int position = 0; position < workload.size(); position++) {
            // Entry ids as XADD would give them: about 50 entries per millisecond.
            StreamEntryId id = new StreamEntryId(firstMillis + position / 50, position % 50);
            pipeline.add(ProjectionRequests.request(new ConsumedEntry(id, "", workload.event(position), 1)));
            if (pipeline.size() == BASELINE_PIPELINE || position == workload.size() - 1) {
                redis.pipeline(pipeline);
                pipeline.clear();
            }
        }
        double rate = workload.size() / ((System.nanoTime() - began) / 1e9);
        redis.flushAll();
        return rate;
    }

    private static void requireAllProjected(BenchRedis redis, int executions) {
        long projected = redis.send(Request.cmd(Command.ZCARD).arg(RedisKeys.GLOBAL_INDEX)).toLong();
        if (projected != executions) {
            throw new IllegalStateException("the global index holds " + projected + " executions, expected " + executions);
        }
    }
}
