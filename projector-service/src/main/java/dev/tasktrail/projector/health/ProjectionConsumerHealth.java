package dev.tasktrail.projector.health;

import dev.tasktrail.projector.projection.ProjectionConsumer;
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
 * after a failure. Alive unless the loop ended, which only a defect can cause: a restart is the cure then.
 */
@ApplicationScoped
class ProjectionConsumerHealth {

    private static final String NAME = "Projector consumer loop";

    private final ProjectionConsumer consumer;

    ProjectionConsumerHealth(ProjectionConsumer consumer) {
        this.consumer = consumer;
    }

    @Produces
    @Readiness
    HealthCheck readiness() {
        return () -> {
            StreamConsumerLoop loop = consumer.loop();
            boolean recovering = loop != null && loop.state() == StreamConsumerLoop.State.RECOVERING
                    && loop.lastFailure().isPresent();
            boolean up = loop != null && loop.state() != StreamConsumerLoop.State.STOPPED && !recovering;
            return describe(HealthCheckResponse.named(NAME).status(up), loop).build();
        };
    }

    @Produces
    @Liveness
    HealthCheck liveness() {
        return () -> {
            StreamConsumerLoop loop = consumer.loop();
            boolean up = loop == null || loop.state() != StreamConsumerLoop.State.STOPPED;
            return describe(HealthCheckResponse.named(NAME).status(up), loop).build();
        };
    }

    private static HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder, StreamConsumerLoop loop) {
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
