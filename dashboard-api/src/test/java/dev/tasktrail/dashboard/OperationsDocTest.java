package dev.tasktrail.dashboard;

import dev.tasktrail.dashboard.config.DashboardConfig;
import dev.tasktrail.testing.deploy.OperationsDocContract;

/** docs/operations.md lists every setting of {@link DashboardConfig} with its default. */
class OperationsDocTest extends OperationsDocContract {

    @Override
    protected Class<?> configMapping() {
        return DashboardConfig.class;
    }
}
