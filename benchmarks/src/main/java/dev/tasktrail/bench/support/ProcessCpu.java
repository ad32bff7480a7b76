package dev.tasktrail.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used (user + system, {@code /proc/<pid>/stat}), to tell how much of a shared machine a
 * figure cost and which process was the busy one.
 */
public final class ProcessCpu {

    /** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on Linux for x86 and arm64. */
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    public static double seconds(long pid) {
        long[] userAndSystem = ticks(pid);
        return (userAndSystem[0] + userAndSystem[1]) / TICKS_PER_SECOND;
    }

    /** The part spent in the kernel (system time): system calls, and on loopback the receiving side's TCP work too. */
    public static double kernelSeconds(long pid) {
        return ticks(pid)[1] / TICKS_PER_SECOND;
    }

    private static long[] ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // Fields after the command name (which may hold spaces) start after the last ')': state is field 3,
            // utime field 14 and stime field 15.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]), Long.parseLong(fields[12])};
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CPU time of process " + pid + " (Linux /proc only)", e);
        }
    }
}
