package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.dashboard.auth.Viewer;
import dev.tasktrail.dashboard.auth.VisibilityPolicy;
import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.dashboard.query.TaskFilter;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.TaskItem;
import dev.tasktrail.model.TaskStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Builds snapshot pages from the projected keys (SPEC §2, §5) with a constant number of Redis round trips per
 * page: one atomic index read (cursor positioning, stream position, counts) and one pipelined read of the page's
 * hashes. Several statuses are merged from their per-status indexes, a time range bounds the index reads; no query
 * ever scans entries outside the filter and range.
 *
 * <p>Entries the viewer may not see (enforced visibility), and entries whose hash no longer matches the filter or
 * range (updated since the index read), are skipped and reading continues until the page is full or the index ends,
 * in growing batches, but never past {@code TASK_DASHBOARD_SNAPSHOT_MAX_SCAN} entries per request: then the page
 * ends early with a cursor to continue.
 */
@ApplicationScoped
public class TaskSnapshotService {

    private static final Logger LOG = Logger.getLogger(TaskSnapshotService.class);
    /** Batches double while visibility hides entries; this caps the doubling. */
    private static final int MAX_BATCH_DOUBLINGS = 10;

    private final ProjectionReader reader;
    private final VisibilityPolicy visibility;
    private final String streamKey;
    private final String projectorGroup;
    private final int maxScan;

    TaskSnapshotService(ProjectionReader reader, VisibilityPolicy visibility, DashboardConfig config) {
        this.reader = reader;
        this.visibility = visibility;
        this.streamKey = config.tracking().redis().streamKey();
        this.projectorGroup = config.tracking().redis().projectorConsumerGroup();
        this.maxScan = config.dashboard().snapshotMaxScan();
    }

    public Uni<SnapshotPage> page(SnapshotRequest request, Viewer viewer) {
        return fill(new PageBuilder(request, viewer));
    }

    private Uni<SnapshotPage> fill(PageBuilder page) {
        if (page.isComplete()) {
            return Uni.createFrom().item(page.build());
        }
        int batchSize = page.nextBatchSize();
        // One entry more than the batch tells whether the index goes on after it.
        return reader.readIndexes(streamKey, projectorGroup, page.countKeys(), page.indexKeys(),
                        page.range(), batchSize + 1, page.position())
                .flatMap(read -> {
                    page.recordMeta(read);
                    List<IndexPosition> merged = mergeNewestFirst(read.pages(), batchSize + 1);
                    List<IndexPosition> batch = merged.subList(0, Math.min(batchSize, merged.size()));
                    return reader.readExecutions(batch.stream().map(IndexPosition::executionId).toList())
                            .map(hashes -> page.accept(batch, hashes, merged.size() > batchSize));
                })
                .flatMap(this::fill);
    }

    /**
     * The first {@code count} entries of the union of several newest-first lists. An execution sits in exactly
     * one status index and the read is atomic, so the lists never share an execution.
     */
    static List<IndexPosition> mergeNewestFirst(List<List<IndexPosition>> pages, int count) {
        if (pages.size() == 1) {
            return pages.get(0);
        }
        List<IndexPosition> all = new ArrayList<>();
        pages.forEach(all::addAll);
        all.sort(IndexPosition.NEWEST_FIRST);
        return all.size() > count ? all.subList(0, count) : all;
    }

    /** Empty for an index entry without a readable hash: a projector bug or hand-edited data, never fatal. */
    private static Optional<TaskItem> toItem(String executionId, Map<String, String> hash) {
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TaskItem.fromHash(hash));
        } catch (IllegalArgumentException malformed) {
            LOG.warnf("Skipping execution %s: its hash is not a task item (%s)", executionId,
                    malformed.getMessage());
            return Optional.empty();
        }
    }

    /** The mutable state of one request's page while batches are read. */
    private final class PageBuilder {
        private final SnapshotRequest request;
        private final Viewer viewer;
        private final List<TaskItem> items = new ArrayList<>();
        private Optional<IndexPosition> position;
        private String streamCursor;
        private Optional<Map<TaskStatus, Long>> counts = Optional.empty();
        private boolean indexContinues = true;
        private int scanned;
        private int batches;

        PageBuilder(SnapshotRequest request, Viewer viewer) {
            this.request = request;
            this.viewer = viewer;
            this.position = request.after();
        }

        boolean isComplete() {
            return items.size() == request.limit() || !indexContinues || scanned >= maxScan;
        }

        /** What the page still needs; while visibility hides entries, double that per batch. */
        int nextBatchSize() {
            int missing = request.limit() - items.size();
            int size = visibility.isEnforced() ? missing << Math.min(batches, MAX_BATCH_DOUBLINGS) : missing;
            return Math.min(size, maxScan - scanned);
        }

        /** Stream position and counts are read with the first batch only: before anything of the snapshot. */
        List<String> countKeys() {
            if (batches > 0) {
                return List.of();
            }
            TaskFilter filter = request.filter();
            List<String> keys = new ArrayList<>(TaskStatus.values().length);
            for (TaskStatus status : TaskStatus.values()) {
                keys.add(filter.project().map(project -> RedisKeys.projectStatusIndex(project, status))
                        .orElseGet(() -> RedisKeys.statusIndex(status)));
            }
            return keys;
        }

        /** The all-statuses index, or one per selected status (merged by score). */
        List<String> indexKeys() {
            TaskFilter filter = request.filter();
            if (filter.selectsAllStatuses()) {
                return List.of(filter.project().map(RedisKeys::projectIndex).orElse(RedisKeys.GLOBAL_INDEX));
            }
            return filter.statuses().stream()
                    .map(status -> filter.project().map(project -> RedisKeys.projectStatusIndex(project, status))
                            .orElseGet(() -> RedisKeys.statusIndex(status)))
                    .toList();
        }

        Optional<IndexPosition> position() {
            return position;
        }

        TimeRange range() {
            return request.range();
        }

        void recordMeta(ProjectionReader.IndexRead read) {
            read.streamPosition().ifPresent(streamPosition -> {
                streamCursor = streamPosition;
                if (!visibility.isEnforced()) {
                    Map<TaskStatus, Long> byStatus = new EnumMap<>(TaskStatus.class);
                    for (TaskStatus status : TaskStatus.values()) {
                        byStatus.put(status, read.counts().get(status.ordinal()));
                    }
                    counts = Optional.of(byStatus);
                }
            });
        }

        PageBuilder accept(List<IndexPosition> batch, List<Map<String, String>> hashes, boolean indexGoesOn) {
            batches++;
            indexContinues = indexGoesOn;
            for (int i = 0; i < batch.size(); i++) {
                scanned++;
                position = Optional.of(batch.get(i));
                toItem(batch.get(i).executionId(), hashes.get(i))
                        .filter(item -> request.filter().matches(item) && request.range().contains(item)
                                && visibility.allows(viewer, item))
                        .ifPresent(items::add);
                if (items.size() == request.limit()) {
                    indexContinues = indexGoesOn || i < batch.size() - 1;
                    return this;
                }
            }
            return this;
        }

        SnapshotPage build() {
            return new SnapshotPage(List.copyOf(items), indexContinues ? position : Optional.empty(), streamCursor,
                    counts);
        }
    }
}
