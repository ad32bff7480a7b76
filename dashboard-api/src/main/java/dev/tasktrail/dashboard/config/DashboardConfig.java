package dev.tasktrail.dashboard.config;

import dev.tasktrail.service.TrackingRedisConfig;
import dev.tasktrail.service.projects.ProjectsConfigSettings;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the dashboard-api. Each property {@code task.x.y} is read from the environment variable
 * {@code TASK_X_Y}, the names of SPEC §3 (e.g. {@code task.dashboard.heartbeat-ms} from
 * {@code TASK_DASHBOARD_HEARTBEAT_MS}).
 */
@ConfigMapping(prefix = "task")
public interface DashboardConfig {

    Tracking tracking();

    Dashboard dashboard();

    Projects projects();

    interface Tracking {
        DashboardRedisConfig redis();
    }

    /** The shared Redis settings plus what the dashboard reads of the projector's progress. */
    interface DashboardRedisConfig extends TrackingRedisConfig {
        /**
         * {@code TASK_TRACKING_REDIS_PROJECTOR_CONSUMER_GROUP}: the projector's consumer group (same variable as
         * the projector's). Its progress bounds the snapshot's {@code streamCursor}: only entries it has
         * acknowledged are surely in the projected keys.
         */
        @WithDefault("task-status-projector")
        String projectorConsumerGroup();
    }

    interface Projects {
        /** {@code TASK_PROJECTS_CONFIG_*}: where the projects of {@code GET /dashboard/projects} come from (SPEC §8). */
        ProjectsConfigSettings config();
    }

    interface Dashboard {
        /** {@code TASK_DASHBOARD_GOOGLE_CLIENT_IDS}: accepted token audiences, comma-separated. Required. */
        List<String> googleClientIds();

        /** {@code TASK_DASHBOARD_HEARTBEAT_MS}: interval of {@code keepalive} events on the stream. */
        @WithDefault("15000")
        long heartbeatMs();

        /** {@code TASK_DASHBOARD_REPLAY_LIMIT}: stream events each replica keeps in memory for resume. */
        @WithDefault("200")
        int replayLimit();

        /** {@code TASK_DASHBOARD_SNAPSHOT_DEFAULT_LIMIT}: page size when {@code limit} is not given. */
        @WithDefault("50")
        int snapshotDefaultLimit();

        /** {@code TASK_DASHBOARD_SNAPSHOT_MAX_LIMIT}: larger {@code limit} values are clamped to this. */
        @WithDefault("200")
        int snapshotMaxLimit();

        /**
         * {@code TASK_DASHBOARD_SNAPSHOT_MAX_SCAN}: index entries one snapshot request may read while visibility
         * hides entries from the viewer; a page that is not full by then ends early with a cursor to continue.
         */
        @WithDefault("1000")
        int snapshotMaxScan();

        /** {@code TASK_DASHBOARD_ENFORCE_VISIBILITY}: show a viewer only tasks they created or are responsible for. */
        @WithDefault("false")
        boolean enforceVisibility();

        /** {@code TASK_DASHBOARD_STREAM_*}: how {@code GET /dashboard/tasks/stream} reads and fans out. */
        Stream stream();
    }

    interface Stream {
        /**
         * {@code TASK_DASHBOARD_STREAM_SUBSCRIBER_BUFFER}: events one client may have waiting while its connection
         * cannot take more; beyond that it gets {@code snapshot_refresh_required} ({@code slow_consumer}) and
         * continues live.
         */
        @WithDefault("1000")
        int subscriberBuffer();

        /**
         * {@code TASK_DASHBOARD_STREAM_REPLAY_MAX}: stream entries a resume may read from Redis when its cursor is
         * older than the in-memory window; further behind, the client is told to reload the snapshot.
         */
        @WithDefault("10000")
        int replayMax();

        /** {@code TASK_DASHBOARD_STREAM_RECONNECT_DELAY}: the {@code retry:} hint sent to clients. */
        @WithDefault("PT3S")
        Duration reconnectDelay();

        /**
         * {@code TASK_DASHBOARD_STREAM_VERSIONS_TRACKED}: executions whose latest state the replica remembers, so that
         * an older state arriving later is not sent to clients.
         */
        @WithDefault("100000")
        int versionsTracked();

        /** {@code TASK_DASHBOARD_STREAM_TAILER_*}: the replica's reader of the stream. */
        Tailer tailer();
    }

    interface Tailer {
        /** {@code TASK_DASHBOARD_STREAM_TAILER_BLOCK}: longest wait of one blocking {@code XREAD}. */
        @WithDefault("PT2S")
        Duration block();

        /** {@code TASK_DASHBOARD_STREAM_TAILER_BATCH_SIZE}: entries one read returns at most. */
        @WithDefault("500")
        int batchSize();

        /** {@code TASK_DASHBOARD_STREAM_TAILER_RETRY_MIN_BACKOFF}: first wait after a failed read. */
        @WithDefault("PT0.1S")
        Duration retryMinBackoff();

        /** {@code TASK_DASHBOARD_STREAM_TAILER_RETRY_MAX_BACKOFF}: longest wait between retries. */
        @WithDefault("PT5S")
        Duration retryMaxBackoff();
    }
}
