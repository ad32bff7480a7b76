package dev.tasktrail.projector.projection;

import dev.tasktrail.service.stream.Acknowledger;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.StreamEntryHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies a batch of events to the projected state: one {@code EVALSHA} of {@link ProjectionScript} per event,
 * all pipelined in one round trip, then acknowledges the batch. Applying is idempotent (the script ignores
 * events that are not newer), so an entry delivered again after a crash between apply and acknowledge is
 * harmless.
 *
 * <p>Each event keeps its own outcome, so the counters say what Redis did: an event Redis rejects (a command of
 * the script failing, such as {@code WRONGTYPE} on a key someone else wrote) comes back as the script's error
 * text rather than as an error reply, which would fail the whole pipeline and lose the replies of the events
 * Redis applied. A rejected event is left pending for another delivery (and ends in the dead-letter stream if it
 * keeps failing); the rest are acknowledged. A pipeline that fails as a whole (a lost connection, a Redis still
 * loading its data) fails the batch; the consumer loop backs off and delivers it again.
 */
@ApplicationScoped
public class Projection implements StreamEntryHandler {

    private static final long APPLIED = 1;
    /** A connection that stopped answering fails the batch (and the loop retries) instead of hanging it. */
    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(10);

    private final Redis redis;
    private final Counter applied;
    private final Counter ignored;

    Projection(Redis redis, MeterRegistry registry) {
        this.redis = redis;
        this.applied = Counter.builder("tasktrail.projector.entries.applied")
                .description("Events that became the projected state of their execution")
                .register(registry);
        this.ignored = Counter.builder("tasktrail.projector.entries.ignored")
                .description("Events older than the projected state of their execution (ordering rule)")
                .tag("reason", "older")
                .register(registry);
    }

    /** What applying one event did. */
    enum Outcome {
        APPLIED, IGNORED_AS_OLDER, REJECTED
    }

    @Override
    public Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
        return ProjectionScript.SCRIPT.batch(redis, entries.stream().map(ProjectionScript::request).toList())
                .ifNoItem().after(REPLY_TIMEOUT).fail()
                .map(replies -> {
                    List<ConsumedEntry> done = new ArrayList<>(entries.size());
                    for (int i = 0; i < entries.size(); i++) {
                        ConsumedEntry entry = entries.get(i);
                        Response reply = replies.get(i);
                        if (count(reply) == Outcome.REJECTED) {
                            acknowledger.fail(entry, new RejectedByRedis(reply.toString()));
                        } else {
                            done.add(entry);
                        }
                    }
                    return done;
                })
                .chain(done -> acknowledger.ack(done));
    }

    /** Applies one event on its own (tests use it to apply events in a chosen order). */
    Uni<Outcome> applyOne(ConsumedEntry entry) {
        return ProjectionScript.SCRIPT.send(redis, ProjectionScript.request(entry))
                .ifNoItem().after(REPLY_TIMEOUT).fail()
                .map(this::count);
    }

    private Outcome count(Response reply) {
        if (reply.type() != ResponseType.NUMBER) {
            return Outcome.REJECTED; // the script answers a failed command's error as text
        }
        if (reply.toLong() == APPLIED) {
            applied.increment();
            return Outcome.APPLIED;
        }
        ignored.increment();
        return Outcome.IGNORED_AS_OLDER;
    }

    /** Redis refused a command of the projection of one event; the message is Redis' error. */
    static final class RejectedByRedis extends RuntimeException {
        RejectedByRedis(String redisError) {
            super(redisError);
        }
    }
}
