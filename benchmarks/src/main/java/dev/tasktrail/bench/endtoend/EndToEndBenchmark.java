package dev.tasktrail.bench.endtoend;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.Latencies;
import dev.tasktrail.bench.support.PublisherClient;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import dev.tasktrail.bench.support.Workload;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Delay from posting an event to the publisher until a dashboard snapshot shows it (publisher → stream → projector →
 * indexes → {@code GET /dashboard/tasks}), at a steady 1 000 events per second.
 */
public final class EndToEndBenchmark implements Benchmark {

    private static final int RATE = 1000;
    /**
     * Posts in flight at most. A publisher that falls behind then slows the sender (the events-sent figure shows it)
     * instead of overflowing its Redis wait queue; delays still count from when each post was due.
     */
    private static final int MAX_IN_FLIGHT = 256;
    /** Events per post: one by one, and small batches (the same rate in a tenth of the requests). */
    private static final List<Integer> POST_SIZES = List.of(1, 10);
    private static final Pattern LAST_EVENT_ID = Pattern.compile("\"lastEventId\"\\s*:\\s*\"([0-9]+-[0-9]+)\"");

    @Override
    public String name() {
        return "end-to-end";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        Duration duration = context.mode().pick(Duration.ofSeconds(4), Duration.ofSeconds(30));
        Duration warmUp = context.mode().pick(Duration.ofSeconds(2), Duration.ofSeconds(5));
        Series series = new Series();

        for (int run = 1; run <= context.mode().runs(); run++) {
            context.log("end-to-end run %d/%d", run, context.mode().runs());
            try (Stack stack = context.stack("end-to-end-run" + run)) {
                List<ServiceProcess> services = stack.startReady(ServiceKind.PROJECTOR, ServiceKind.PUBLISHER, ServiceKind.DASHBOARD);
                PublisherClient publisher = new PublisherClient(services.get(1), stack.apiKey());
                HttpRequest snapshot = HttpRequest.newBuilder(services.get(2).uri("/dashboard/tasks?limit=200"))
                        .header("Authorization", "Bearer " + stack.viewerToken())
                        .timeout(Duration.ofSeconds(10))
                        .build();

                for (int perPost : POST_SIZES) {
                    measure(publisher, snapshot, "warm" + perPost + "-" + run, warmUp, perPost);
                    Measured measured = measure(publisher, snapshot, "e2e" + perPost + "-" + run, duration, perPost);
                    String shape = shape(perPost);
                    series.add(shape + " p50", measured.delays.percentileMillis(50));
                    series.add(shape + " p99", measured.delays.percentileMillis(99));
                    series.add(shape + " max", measured.delays.percentileMillis(100));
                    series.add(shape + " rate", measured.sentPerSecond);
                    series.add(shape + " unseen", measured.unseen);
                    series.add(shape + " publish p50", measured.publishLatencies.percentileMillis(50));
                    series.add(shape + " publish p99", measured.publishLatencies.percentileMillis(99));
                    series.add(shape + " snapshot p50", measured.snapshotLatencies.percentileMillis(50));
                    series.add(shape + " snapshot p99", measured.snapshotLatencies.percentileMillis(99));
                    context.log("end-to-end, %s, at %,.0f events/s: p50 %.1f ms, p99 %.1f ms, %d not seen; publish p99 "
                            + "%.1f ms, snapshot p99 %.1f ms", shape, measured.sentPerSecond,
                            measured.delays.percentileMillis(50), measured.delays.percentileMillis(99), measured.unseen,
                            measured.publishLatencies.percentileMillis(99), measured.snapshotLatencies.percentileMillis(99));
                }
            }
        }

        Section section = new Section("End to end")
                .note("One publisher, one projector and one dashboard-api (local-auth, a locally signed viewer token). "
                        + "Events (each a new execution) are posted one by one at a steady " + RATE + " per second "
                        + "(open loop, asynchronous JDK HttpClient), and in a second case as batches of 10 every 10 ms, for " + duration.toSeconds() + " s after a "
                        + warmUp.toSeconds() + " s warm-up, while one client reads `GET /dashboard/tasks?limit=200` "
                        + "back to back. At most " + MAX_IN_FLIGHT + " posts are in flight (a publisher that falls behind slows the "
                        + "sender: see events sent). Delay: from when the post was due to the first snapshot listing the execution with "
                        + "that `lastEventId`. The snapshot request's own latency bounds the resolution and is given as "
                        + "the baseline figures below.");
        for (int perPost : POST_SIZES) {
            String shape = shape(perPost);
            section.figure(shape + ": delay p50", "ms", series.get(shape + " p50"));
            section.figure(shape + ": delay p99", "ms", series.get(shape + " p99"));
            section.figure(shape + ": delay max", "ms", series.get(shape + " max"));
            section.figure(shape + ": events sent", "events/s", series.get(shape + " rate"));
            section.figure(shape + ": events never seen in a snapshot", "events", series.get(shape + " unseen"));
            section.figure(shape + ": publish request p50", "ms", series.get(shape + " publish p50"));
            section.figure(shape + ": publish request p99", "ms", series.get(shape + " publish p99"));
            section.figure(shape + ": snapshot request p50 (resolution)", "ms", series.get(shape + " snapshot p50"));
            section.figure(shape + ": snapshot request p99 (resolution)", "ms", series.get(shape + " snapshot p99"));
        }
        return section;
    }

    private static String shape(int perPost) {
        return perPost == 1 ? "single posts" : "batches of " + perPost;
    }

    private record Measured(Latencies delays, Latencies publishLatencies, Latencies snapshotLatencies,
            double sentPerSecond, long unseen) {
    }

    private static Measured measure(PublisherClient publisher, HttpRequest snapshot, String runId, Duration duration,
            int perPost) throws InterruptedException {
        int count = (int) (duration.toSeconds() * RATE);
        Workload workload = new Workload(runId, count, count, Stack.PROJECTS, Instant.now(), Workload.Order.BY_EXECUTION, 0);
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        Latencies publishLatencies = new Latencies();
        Latencies snapshotLatencies = new Latencies();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        AtomicBoolean reading = new AtomicBoolean(true);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    long sent = System.nanoTime();
                    HttpResponse<String> page = http.send(snapshot, HttpResponse.BodyHandlers.ofString());
                    long now = System.nanoTime();
                    snapshotLatencies.recordNanos(now - sent);
                    if (page.statusCode() != 200) {
                        throw new IllegalStateException("snapshot answered " + page.statusCode() + ": " + page.body());
                    }
                    Matcher ids = LAST_EVENT_ID.matcher(page.body());
                    while (ids.find()) {
                        seenAt.putIfAbsent(ids.group(1), now);
                    }
                } catch (Exception e) {
                    failures.add(e);
                    return;
                }
            }
        }, "snapshot-reader");
        reader.start();

        Semaphore inFlight = new Semaphore(MAX_IN_FLIGHT);
        long period = perPost * 1_000_000_000L / RATE;
        long start = System.nanoTime();
        for (int post = 0; post * perPost < count && failures.isEmpty(); post++) {
            long due = start + post * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            long sent = System.nanoTime();
            List<String> jsons = new ArrayList<>(perPost);
            for (int i = post * perPost; i < (post + 1) * perPost; i++) {
                // Sent now, so newest: each execution enters at the top of the snapshot's first page.
                jsons.add(workload.json(i, Instant.now()));
            }
            CompletableFuture<List<String>> published = perPost == 1
                    ? publisher.publishAsync(jsons.get(0)).thenApply(List::of)
                    : publisher.publishBatchAsync(jsons);
            published.whenComplete((streamIds, failure) -> {
                inFlight.release();
                if (failure != null) {
                    failures.add(failure);
                } else {
                    publishLatencies.recordNanos(System.nanoTime() - sent);
                    streamIds.forEach(streamId -> sentAt.put(streamId, due));
                }
            });
        }
        double sentPerSecond = count / ((System.nanoTime() - start) / 1e9);

        // Let the last events arrive, then stop reading.
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && failures.isEmpty()
                && (sentAt.size() < count || !seenAt.keySet().containsAll(sentAt.keySet()))) {
            Thread.sleep(20);
        }
        reading.set(false);
        reader.join(15_000);
        if (!failures.isEmpty()) {
            throw new IllegalStateException("end-to-end run failed: " + failures.get(0), failures.get(0));
        }

        Latencies delays = new Latencies();
        long unseen = 0;
        for (Map.Entry<String, Long> sent : sentAt.entrySet()) {
            Long seen = seenAt.get(sent.getKey());
            if (seen == null) {
                unseen++;
            } else {
                delays.recordNanos(seen - sent.getValue());
            }
        }
        return new Measured(delays, publishLatencies, snapshotLatencies, sentPerSecond, unseen + count - sentAt.size());
    }
}
