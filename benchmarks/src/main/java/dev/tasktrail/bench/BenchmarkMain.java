package dev.tasktrail.bench;

import dev.tasktrail.bench.support.BenchmarkContext;
import dev.tasktrail.bench.support.Mode;
import dev.tasktrail.bench.support.Section;
import dev.tasktrail.bench.support.ServiceKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs benchmarks by name and writes their figures as Markdown ({@code benchmarks/run.sh} is the way in).
 *
 * <pre>
 *   BenchmarkMain MODE ROOT OUT_DIR [NAME...]   MODE quick|full; no names: all, in {@link Benchmarks} order
 * </pre>
 *
 * Exits 1 when a benchmark failed to run (a missed target is reported, not a failure: the machine is shared).
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: BenchmarkMain quick|full ROOT OUT_DIR [" + String.join("|", Benchmarks.names()) + "...]");
            System.exit(2);
        }
        Mode mode = Mode.parse(args[0]);
        Path root = Path.of(args[1]).toAbsolutePath();
        Path out = Path.of(args[2]).toAbsolutePath();
        ServiceKind.requireManifestLimits(root);
        List<Benchmark> selected = new ArrayList<>();
        for (String name : args.length > 3 ? List.of(args).subList(3, args.length) : Benchmarks.names()) {
            selected.add(Benchmarks.named(name).orElseThrow(() -> new IllegalArgumentException(
                    "no benchmark " + name + "; there are " + Benchmarks.names())));
        }

        ZonedDateTime startedAt = ZonedDateTime.now(ZoneOffset.UTC);
        String stamp = startedAt.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path workDir = out.resolve(mode + "-" + stamp);
        Files.createDirectories(workDir);

        StringBuilder report = new StringBuilder(header(mode, selected, startedAt));
        List<String> missed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (Benchmark benchmark : selected) {
            long began = System.nanoTime();
            System.out.printf("[bench] === %s (%s) ===%n", benchmark.name(), mode);
            try {
                Section section = benchmark.run(new BenchmarkContext(mode, root, workDir.resolve(benchmark.name())));
                report.append(section.toMarkdown());
                missed.addAll(section.missedTargets());
                System.out.print(section.toMarkdown());
            } catch (Exception | AssertionError e) {
                failed.add(benchmark.name() + ": " + e);
                report.append("## ").append(benchmark.name()).append("\n\nFailed: ").append(e).append("\n\n");
                e.printStackTrace();
            }
            System.out.printf("[bench] %s took %.0f s%n", benchmark.name(), (System.nanoTime() - began) / 1e9);
        }
        report.append("## Targets missed\n\n")
                .append(missed.isEmpty() ? "None.\n" : "- " + String.join("\n- ", missed) + "\n");
        if (!failed.isEmpty()) {
            report.append("\n## Benchmarks that failed to run\n\n- ").append(String.join("\n- ", failed)).append("\n");
        }
        Path file = workDir.resolve("results.md");
        Files.writeString(file, report);
        System.out.println("[bench] results: " + file + " (logs of every service beside it)");
        if (!failed.isEmpty()) {
            System.err.println("[bench] failed: " + failed);
            System.exit(1);
        }
    }

    private static String header(Mode mode, List<Benchmark> selected, ZonedDateTime startedAt) {
        return "# Tasktrail benchmarks (" + mode + ")\n\n"
                + "- Command: `benchmarks/run.sh " + mode + " "
                + String.join(" ", selected.stream().map(Benchmark::name).toList()) + "`\n"
                + "- Date: " + startedAt.format(DateTimeFormatter.ISO_LOCAL_DATE) + " "
                + startedAt.format(DateTimeFormatter.ofPattern("HH:mm")) + " UTC\n"
                + "- Machine: " + machine() + "\n"
                + "- Runs per figure: " + mode.runs() + " (median, min–max); each run measures its own baseline\n\n";
    }

    private static String machine() {
        String cpu = "unknown CPU";
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            cpu = lines.filter(line -> line.startsWith("model name")).findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim()).orElse(cpu);
        } catch (IOException ignored) {
            // not Linux: leave the CPU unnamed
        }
        long memoryGiB = Math.round(((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize() / (1024.0 * 1024 * 1024));
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + memoryGiB + " GiB, Java "
                + System.getProperty("java.version") + ", " + redisVersion();
    }

    private static String redisVersion() {
        try {
            Process process = new ProcessBuilder("redis-server", "--version").redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes()).trim();
            process.waitFor();
            return text.replaceAll("^Redis server v=(\\S+).*$", "Redis $1");
        } catch (IOException e) {
            return "redis-server not found";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Redis (version unknown)";
        }
    }
}
