package dev.tasktrail.bench.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The services, by the module whose fast-jar runs them, with the memory limit of their pod. */
public enum ServiceKind {
    PUBLISHER("task-publisher", 512),
    PROJECTOR("projector-service", 512),
    ARCHIVER("archiver-service", 768),
    DASHBOARD("dashboard-api", 512);

    /** The memory limit in a Deployment's {@code resources.limits} block, whatever the order of its keys. */
    private static final Pattern MEMORY_LIMIT = Pattern.compile("limits:\\s*\\n(?:\\s+\\w+: \\S+\\n)*?\\s+memory: (\\d+)Mi");

    private final String module;
    private final int podMemoryLimitMib;

    /**
     * @param podMemoryLimitMib {@code resources.limits.memory} of the service's Deployment in deploy/k8s (checked by
     *     {@link #requireManifestLimits})
     */
    ServiceKind(String module, int podMemoryLimitMib) {
        this.module = module;
        this.podMemoryLimitMib = podMemoryLimitMib;
    }

    public String module() {
        return module;
    }

    public int podMemoryLimitMib() {
        return podMemoryLimitMib;
    }

    /**
     * Checks every service's limit here against its manifest in {@code deploy/k8s}, so figures taken with
     * {@link #podJvmOptions()} never describe a JVM sized unlike its pod.
     *
     * @throws IllegalStateException naming the manifest when it sets another limit, or none
     */
    public static void requireManifestLimits(Path root) throws IOException {
        for (ServiceKind kind : values()) {
            Path manifest = root.resolve("deploy/k8s").resolve(kind.module + ".yml");
            Matcher limit = MEMORY_LIMIT.matcher(Files.readString(manifest));
            if (!limit.find() || Integer.parseInt(limit.group(1)) != kind.podMemoryLimitMib) {
                throw new IllegalStateException(manifest + " sets a memory limit of "
                        + (limit.find(0) ? limit.group(1) + "Mi" : "none") + "; ServiceKind." + kind + " says "
                        + kind.podMemoryLimitMib + "Mi: make them agree");
            }
        }
    }

    /**
     * JVM options (for {@code JAVA_TOOL_OPTIONS}) that run the JVM as in its pod: it sees the pod's memory limit, and
     * gets the options that the image's {@code run-java.sh} (ubi9/openjdk-17-runtime, src/main/docker/Dockerfile.jvm)
     * adds by default: heap ceiling 80 % of the limit ({@code JAVA_MAX_MEM_RATIO}), the parallel collector with a
     * heap kept 10–20 % free ({@code GC_*}), exit on {@code OutOfMemoryError}.
     */
    public String podJvmOptions() {
        return "-XX:MaxRAM=" + podMemoryLimitMib + "m -XX:MaxRAMPercentage=80 -XX:+UseParallelGC -XX:MinHeapFreeRatio=10"
                + " -XX:MaxHeapFreeRatio=20 -XX:GCTimeRatio=4 -XX:AdaptiveSizePolicyWeight=90 -XX:+ExitOnOutOfMemoryError";
    }
}
