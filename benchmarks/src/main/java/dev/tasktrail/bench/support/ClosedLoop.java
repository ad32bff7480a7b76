package dev.tasktrail.bench.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code clients} threads each sending one request after the other for a fixed time (a closed loop: each waits for
 * its answer before sending again), counting events and recording each request's latency.
 */
public final class ClosedLoop {

    /** One request; returns how many events it got accepted. */
    @FunctionalInterface
    public interface Call {
        int send() throws Exception;
    }

    /** @param events accepted events; @param seconds from the common start to the last answer */
    public record Result(long events, double seconds, Latencies latencies) {
        public double eventsPerSecond() {
            return events / seconds;
        }
    }

    private ClosedLoop() {
    }

    public static Result run(int clients, Duration duration, Call call) throws InterruptedException {
        Latencies latencies = new Latencies();
        AtomicLong events = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        long[] startedAt = new long[1];
        long deadline = System.nanoTime() + duration.toNanos() + Duration.ofMillis(50).toNanos();
        for (int i = 0; i < clients; i++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    long end = startedAt[0] + duration.toNanos();
                    while (System.nanoTime() < end && failure.get() == null) {
                        long sent = System.nanoTime();
                        int accepted = call.send();
                        latencies.recordNanos(System.nanoTime() - sent);
                        events.addAndGet(accepted);
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            }, "closed-loop-client-" + i);
            threads.add(thread);
            thread.start();
        }
        startedAt[0] = System.nanoTime();
        start.countDown();
        for (Thread thread : threads) {
            thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 60_000));
        }
        double seconds = (System.nanoTime() - startedAt[0]) / 1e9;
        if (failure.get() != null) {
            throw new IllegalStateException("a client failed: " + failure.get(), failure.get());
        }
        return new Result(events.get(), seconds, latencies);
    }
}
