package dev.tasktrail.archiver;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;

/** Archival enabled into {@link #BUCKET}; test classes extend it with their batching limits. */
public abstract class ArchivingProfile implements QuarkusTestProfile {

    public static final String BUCKET = "tasktrail-archive";
    public static final String PREFIX = "task-tracking";
    public static final String STREAM = "task-events:v1";
    public static final String GROUP = "task-history-archiver";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(Map.of(
                "task.tracking.s3.archive-enabled", "true",
                "task.tracking.s3.bucket", BUCKET,
                "task.tracking.s3.prefix", PREFIX));
        config.putAll(settings());
        return config;
    }

    /** The class's own settings, e.g. batching limits. */
    protected abstract Map<String, String> settings();
}
