package dev.tasktrail.bench.support;

import dev.tasktrail.model.Actor;
import dev.tasktrail.model.TaskError;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.model.TaskStatus;
import dev.tasktrail.model.Visibility;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Realistic task events, made from their position alone so that a million of them need no memory. Each execution
 * has {@code events / executions} events: {@code in_progress} steps, then {@code success} (or {@code error} for one
 * execution in ten) with a PR link or an error. Executions overlap in time (a new one starts every 10 ms, each step
 * takes a second) and are spread over the projects.
 *
 * <p>{@link Order#MIXED} delivers the events in time order but shuffled within blocks of 64, so neighbouring events
 * of an execution often arrive out of order, as with several producers; {@link Order#BY_EXECUTION} delivers each
 * execution's events in a row.
 */
public final class Workload {

    public enum Order {
        MIXED, BY_EXECUTION
    }

    private static final int SHUFFLE_BLOCK = 64;
    private static final long EXECUTION_SPACING_MS = 10;
    private static final long STEP_MS = 1000;

    private final String runId;
    private final int events;
    private final int steps;
    private final int projects;
    private final Instant start;
    private final int[] order;

    /**
     * @param runId prefix of every eventId and executionId, unique per run so that runs never meet in Redis
     * @param events a multiple of {@code executions}
     */
    public Workload(String runId, int events, int executions, int projects, Instant start, Order order, long seed) {
        if (events % executions != 0) {
            throw new IllegalArgumentException(events + " events do not split evenly over " + executions + " executions");
        }
        this.runId = runId;
        this.events = events;
        this.steps = events / executions;
        this.projects = projects;
        this.start = start;
        this.order = order == Order.MIXED ? mixedOrder(seed) : null;
    }

    public int size() {
        return events;
    }

    /** The event delivered at {@code position} (0-based). */
    public TaskEvent event(int position) {
        int logical = order == null ? position : order[position];
        int execution = logical / steps;
        int step = logical % steps;
        boolean last = step == steps - 1 && steps > 1;
        TaskStatus status = !last ? TaskStatus.IN_PROGRESS : execution % 10 == 0 ? TaskStatus.ERROR : TaskStatus.SUCCESS;
        String project = project(execution % projects);
        return new TaskEvent(
                runId + ":" + execution + ":" + step,
                runId + "-exec-" + execution,
                "Benchmark task " + execution % 50,
                status,
                project,
                start.plusMillis(occurredOffsetMs(execution, step)),
                "benchmark",
                new Actor("github", "bench-bot-" + execution % 7),
                status == TaskStatus.SUCCESS ? List.of("https://github.com/" + project + "/pull/" + execution) : List.of(),
                new Visibility(List.of("google:owner-" + execution % 20 + "@example.com")),
                status == TaskStatus.ERROR ? new TaskError("step 3 failed after 2 retries", "BenchmarkFailure") : null,
                TaskEvent.SCHEMA_VERSION);
    }

    /** The canonical JSON of {@link #event} with another {@code occurredAt}, e.g. the moment it is sent. */
    public String json(int position, Instant occurredAt) {
        TaskEvent event = event(position);
        return TaskEventCodec.encode(new TaskEvent(event.eventId(), event.executionId(), event.taskName(), event.status(),
                event.project(), occurredAt, event.flow(), event.actor(), event.prLinks(), event.visibility(),
                event.error(), event.schemaVersion()));
    }

    /** The canonical JSON of {@link #event}, as the publisher stores it. */
    public String json(int position) {
        return TaskEventCodec.encode(event(position));
    }

    /** The name of project {@code index} (an {@code owner/repo}). */
    public static String project(int index) {
        return "bench/project-" + index;
    }

    private long occurredOffsetMs(int execution, int step) {
        return execution * EXECUTION_SPACING_MS + step * STEP_MS;
    }

    private int[] mixedOrder(long seed) {
        // Sort by occurredAt (ties by logical index): key = offset << 21 | logical index, then shuffle in blocks.
        if (events >= 1 << 21) {
            throw new IllegalArgumentException("at most " + ((1 << 21) - 1) + " events in mixed order");
        }
        long[] keys = new long[events];
        for (int logical = 0; logical < events; logical++) {
            keys[logical] = occurredOffsetMs(logical / steps, logical % steps) << 21 | logical;
        }
        Arrays.sort(keys);
        int[] positions = new int[events];
        for (int i = 0; i < events; i++) {
            positions[i] = (int) (keys[i] & ((1 << 21) - 1));
        }
        Random random = new Random(seed);
        for (int blockStart = 0; blockStart < events; blockStart += SHUFFLE_BLOCK) {
            int blockEnd = Math.min(events, blockStart + SHUFFLE_BLOCK);
            for (int i = blockEnd - 1; i > blockStart; i--) {
                int j = blockStart + random.nextInt(i - blockStart + 1);
                int swap = positions[i];
                positions[i] = positions[j];
                positions[j] = swap;
            }
        }
        return positions;
    }
}
