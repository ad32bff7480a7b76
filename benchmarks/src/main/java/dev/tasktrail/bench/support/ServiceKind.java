package dev.tasktrail.bench.support;

/** The services, by the module whose fast-jar runs them, with the memory limit of their pod. */
public enum ServiceKind {
    PUBLISHER("task-publisher", 512),
    PROJECTOR("projector-service", 512),
    ARCHIVER("archiver-service", 768),
    DASHBOARD("dashboard-api", 512);

    private final String module;
    private final int podMemoryLimitMib;

    /** @param podMemoryLimitMib {@code resources.limits.memory} of the service's Deployment in deploy/k8s */
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
