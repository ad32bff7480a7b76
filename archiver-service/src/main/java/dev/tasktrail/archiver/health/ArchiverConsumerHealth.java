package dev.tasktrail.archiver.health;

import dev.tasktrail.archiver.archive.Archiver;
import dev.tasktrail.archiver.archive.ArchiverService;
import dev.tasktrail.service.stream.StreamConsumerLoop;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * The consumer loop in the health endpoints. Ready while it reads (Redis answers); not ready while it backs off
 * after a failure. Alive unless the loop ended, which only a defect can cause: a restart is the cure then. Up, and
 * saying so, while archival is off.
 */
@ApplicationScoped
class ArchiverConsumerHealth {

    private static final String NAME = "Archiver consumer loop";

    private final ArchiverService service;

    ArchiverConsumerHealth(ArchiverService service) {
        this.service = service;
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            StreamConsumerLoop loop = service.archiver().map(Archiver::loop).orElse(null);
            boolean recovering = loop != null && loop.state() == StreamConsumerLoop.State.RECOVERING
                    && loop.lastFailure().isPresent();
            boolean up = !service.enabled() || loop != null && loop.state() != StreamConsumerLoop.State.STOPPED
                    && !recovering;
            return describe(HealthCheckResponse.named(NAME).status(up), loop).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> {
            StreamConsumerLoop loop = service.archiver().map(Archiver::loop).orElse(null);
            boolean up = loop == null || loop.state() != StreamConsumerLoop.State.STOPPED;
            return describe(HealthCheckResponse.named(NAME).status(up), loop).build();
        };
    }

    private HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, StreamConsumerLoop loop) {
        if (!service.enabled()) {
            return builder.withData("archival", "disabled");
        }
        if (loop == null) {
            return builder.withData("state", "starting");
        }
        builder.withData("state", loop.state().name())
                .withData("stream", loop.settings().streamKey())
                .withData("group", loop.settings().group())
                .withData("consumer", loop.settings().consumer())
                .withData("inFlight", loop.inFlightCount());
        loop.lastFailure().ifPresent(failure -> builder.withData("lastFailure", String.valueOf(failure.getMessage())));
        return builder;
    }
}
