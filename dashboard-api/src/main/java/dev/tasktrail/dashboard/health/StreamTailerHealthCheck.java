package dev.tasktrail.dashboard.health;

import dev.tasktrail.dashboard.stream.StreamTailer;
import dev.tasktrail.model.StreamEntryId;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The stream tailer at {@code /q/health/ready}: DOWN until it has loaded the recent events and while its reads fail,
 * because this replica's streams would then be silent.
 */
@Readiness
@ApplicationScoped
class StreamTailerHealthCheck implements HealthCheck {

    private final StreamTailer tailer;

    StreamTailerHealthCheck(StreamTailer tailer) {
        this.tailer = tailer;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("dashboard-stream-tailer")
                .status(tailer.isReading());
        StreamEntryId lastRead = tailer.lastRead();
        if (lastRead != null) {
            response.withData("lastEntryId", lastRead.toString());
        }
        String failure = tailer.lastFailure();
        if (failure != null) {
            response.withData("lastFailure", failure);
        }
        return response.build();
    }
}
