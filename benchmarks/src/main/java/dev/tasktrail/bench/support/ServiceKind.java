package dev.tasktrail.bench.support;

/** The services, by the module whose fast-jar runs them. */
public enum ServiceKind {
    PUBLISHER("task-publisher"),
    PROJECTOR("projector-service"),
    ARCHIVER("archiver-service"),
    DASHBOARD("dashboard-api");

    private final String module;

    ServiceKind(String module) {
        this.module = module;
    }

    public String module() {
        return module;
    }
}
