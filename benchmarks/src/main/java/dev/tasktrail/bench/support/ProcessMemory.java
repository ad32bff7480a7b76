package dev.tasktrail.bench.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of a process from {@code /proc/<pid>/status} (Linux): {@code VmRSS} now and {@code VmHWM}, its
 * peak since the process started.
 */
public record ProcessMemory(long rssKiB, long peakRssKiB) {

    public static ProcessMemory of(long pid) {
        try {
            long rss = -1;
            long peak = -1;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = kib(line);
                } else if (line.startsWith("VmHWM:")) {
                    peak = kib(line);
                }
            }
            if (rss < 0 || peak < 0) {
                throw new IllegalStateException("/proc/" + pid + "/status has no VmRSS/VmHWM");
            }
            return new ProcessMemory(rss, peak);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory of process " + pid + " (Linux /proc only)", e);
        }
    }

    public double rssMiB() {
        return rssKiB / 1024.0;
    }

    public double peakRssMiB() {
        return peakRssKiB / 1024.0;
    }

    private static long kib(String line) {
        // "VmRSS:	  123456 kB"
        return Long.parseLong(line.substring(line.indexOf(':') + 1).replace("kB", "").trim());
    }
}
