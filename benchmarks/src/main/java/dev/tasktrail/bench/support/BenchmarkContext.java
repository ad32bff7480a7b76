package dev.tasktrail.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What a benchmark gets from the runner: the mode, and fresh {@link Stack}s with a folder for their logs. */
public final class BenchmarkContext {

    private final Mode mode;
    private final Path root;
    private final Path workDir;
    private int stacks;

    /**
     * @param root the repository (where the service modules' fast-jars are)
     * @param workDir where this benchmark's stacks keep logs and files
     */
    public BenchmarkContext(Mode mode, Path root, Path workDir) {
        this.mode = mode;
        this.root = root;
        this.workDir = workDir;
    }

    public Mode mode() {
        return mode;
    }

    /** A new stack; {@code label} names its folder of logs. */
    public Stack stack(String label) {
        Path dir = workDir.resolve(String.format("%02d-%s", ++stacks, label));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Stack(root, dir);
    }

    /** Progress on the console, prefixed so it stands apart from the report. */
    public void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
    }
}
