package dev.tasktrail.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service's packaged fast-jar ({@code <module>/target/quarkus-app/quarkus-run.jar}) running as a child process
 * of the harness with plain {@code java -jar}, as in production, its output in a log file; or a baseline server of
 * the harness in a JVM of its own.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration METRICS_TIMEOUT = Duration.ofSeconds(60);

    private final String name;
    private final int port;
    private final Path log;
    private final Process process;
    private final long launchedAt;

    private ServiceProcess(String name, int port, Path log, Process process, long launchedAt) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.launchedAt = launchedAt;
    }

    static ServiceProcess launch(Path root, ServiceKind kind, String name, int port, Map<String, String> env, Path logDir) {
        Path jar = root.resolve(kind.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it (benchmarks/run.sh does)");
        }
        return start(List.of(javaBinary(), "-jar", jar.toString()), name, port, env, logDir);
    }

    /** {@code mainClass} of the harness, with the harness' classpath; it gets {@code port} as its first argument. */
    static ServiceProcess launchMain(Class<?> mainClass, List<String> args, String name, int port,
            Map<String, String> env, Path logDir) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-cp", System.getProperty("java.class.path"),
                mainClass.getName(), Integer.toString(port)));
        command.addAll(args);
        return start(command, name, port, env, logDir);
    }

    private static ServiceProcess start(List<String> command, String name, int port, Map<String, String> env,
            Path logDir) {
        Path log = logDir.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(variable -> variable.startsWith("TASK_") || variable.startsWith("QUARKUS_"));
        builder.environment().putAll(env);
        long launchedAt = System.nanoTime();
        try {
            return new ServiceProcess(name, port, log, builder.start(), launchedAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    public String name() {
        return name;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    public ProcessMemory memory() {
        return ProcessMemory.of(process.pid());
    }

    /**
     * Waits until {@code /q/health/ready} answers 200 (polling every 10 ms) and returns the time since launch.
     *
     * @throws IllegalStateException naming the log when the process exits or is not ready in time
     */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        long deadline = launchedAt + timeout.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(uri("/q/health/ready")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            try {
                if (PROBE.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - launchedAt);
                }
            } catch (IOException notListeningYet) {
                // starting
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log
                        + "\n" + tail());
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; log: " + log + "\n" + tail());
    }

    /**
     * The sum of a Prometheus metric's samples at {@code /q/metrics} whose labels contain {@code labelFilter}. Waits up
     * to {@link #METRICS_TIMEOUT}: a service saturated by the benchmark (thousands of streams) answers late.
     */
    public double metric(String metric, String labelFilter) throws IOException, InterruptedException {
        String text = PROBE.send(HttpRequest.newBuilder(uri("/q/metrics")).timeout(METRICS_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher sample = Pattern.compile("(?m)^" + Pattern.quote(metric) + "(\\{[^}]*})? (\\S+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (sample.find()) {
            String labels = sample.group(1) == null ? "" : sample.group(1);
            if (labels.contains(labelFilter)) {
                sum += Double.parseDouble(sample.group(2));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalStateException(name + " has no metric " + metric + " with " + labelFilter);
        }
        return sum;
    }

    /** SIGTERM (the service drains), then SIGKILL if it has not stopped in time. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 25), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
