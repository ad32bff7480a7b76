package dev.tasktrail.archiver;

import dev.tasktrail.testing.RequiredSettingsContract;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSettingsIT extends RequiredSettingsContract {

    @Test
    void refusesToArchiveWithoutABucket() throws Exception {
        // No Redis answers at this URL: the setting must be checked before anything connects.
        assertExitsNamingTheVariable(Map.of(
                "TASK_TRACKING_REDIS_URL", "redis://127.0.0.1:1",
                "TASK_TRACKING_S3_ARCHIVE_ENABLED", "true"), "TASK_TRACKING_S3_BUCKET");
    }
}
