package dev.tasktrail.dashboard.auth;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.model.TaskItem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which tasks a viewer may see (SPEC §5, {@code TASK_DASHBOARD_ENFORCE_VISIBILITY}). Enforced: the viewer created
 * the task ({@code {actor.provider}:{actor.id}}) or is one of its responsible users. Not enforced: every task.
 * The snapshot and the stream both ask this one policy.
 */
@ApplicationScoped
public class VisibilityPolicy {

    private final boolean enforced;

    VisibilityPolicy(DashboardConfig config) {
        this.enforced = config.dashboard().enforceVisibility();
    }

    public boolean isEnforced() {
        return enforced;
    }

    public boolean allows(Viewer viewer, TaskItem item) {
        return !enforced || item.isVisibleTo(viewer.identity());
    }
}
