package dev.tasktrail.bench.startup;

import dev.tasktrail.bench.Benchmark;
import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.ProcessMemory;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.Series;
import dev.tasktrail.bench.support.ServiceKind;
import dev.tasktrail.bench.support.ServiceProcess;
import dev.tasktrail.bench.support.Stack;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start-up time of each service's fast-jar (launch to {@code /q/health/ready} answering 200) and its resident
 * memory once idle, one service at a time, against a bare JVM started the same way ({@link IdleJvm}: launch to its
 * first line of output).
 */
public final class StartupBenchmark implements Benchmark {

    /** How long a service idles after it is ready before its RSS is read. */
    private static final Duration SETTLE = Duration.ofSeconds(3);

    @Override
    public String name() {
        return "startup";
    }

    @Override
    public Section run(BenchmarkContext context) throws Exception {
        Series series = new Series();
        for (int run = 1; run <= context.mode().runs(); run++) {
            context.log("startup run %d/%d", run, context.mode().runs());
            try (Stack stack = context.stack("startup-run" + run)) {
                stack.s3();
                measureIdleJvm(series);
                for (ServiceKind kind : ServiceKind.values()) {
                    ServiceProcess service = stack.launch(kind, Map.of());
                    Duration ready = service.awaitReady(Duration.ofSeconds(90));
                    Thread.sleep(SETTLE.toMillis());
                    series.add(kind.module() + " start", ready.toMillis());
                    series.add(kind.module() + " rss", service.memory().rssMiB());
                    context.log("%s ready after %d ms, idle RSS %.0f MiB", kind.module(), ready.toMillis(),
                            service.memory().rssMiB());
                    stack.stop(service);
                }
            }
        }

        Section section = new Section("Start-up and idle memory")
                .note("Each fast-jar started alone (`java -jar <module>/target/quarkus-app/quarkus-run.jar`, no JVM "
                        + "options, the settings of docs/operations.md) against its own redis-server (and S3Proxy for "
                        + "the archiver); start-up is launch to `/q/health/ready` answering 200, idle RSS is `VmRSS` "
                        + SETTLE.toSeconds() + " s later. Baseline: a bare JVM (`IdleJvm`) started the same way, "
                        + "launch to its first line of output, and its RSS after the same wait.");
        for (ServiceKind kind : ServiceKind.values()) {
            section.figure(kind.module() + " start-up", "ms", series.get(kind.module() + " start"))
                    .against("bare JVM", series.get("jvm start"));
        }
        for (ServiceKind kind : ServiceKind.values()) {
            section.figure(kind.module() + " idle RSS", "MiB", series.get(kind.module() + " rss"))
                    .against("bare JVM", series.get("jvm rss"));
        }
        return section;
    }

    private void measureIdleJvm(Series series) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                IdleJvm.class.getName())).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            if (!IdleJvm.READY.equals(line)) {
                throw new IllegalStateException("the bare JVM printed " + line);
            }
            series.add("jvm start", (System.nanoTime() - launched) / 1e6);
            Thread.sleep(SETTLE.toMillis());
            series.add("jvm rss", ProcessMemory.of(process.pid()).rssMiB());
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
