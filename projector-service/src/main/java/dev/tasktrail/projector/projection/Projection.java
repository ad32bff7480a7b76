package dev.tasktrail.projector.projection;

import dev.tasktrail.service.stream.Acknowledger;
import dev.tasktrail.service.stream.ConsumedEntry;
import dev.tasktrail.service.stream.RedisReplies;
import dev.tasktrail.service.stream.StreamEntryHandler;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Applies a batch of events to the projected state: one {@code EVALSHA} of {@link ProjectionScript} per event,
 * all pipelined in one round trip, then acknowledges the batch. Applying is idempotent (the script ignores
 * events that are not newer), so an entry delivered again after a crash between apply and acknowledge is
 * harmless.
 *
 * <p>When the pipeline fails it cannot say which call failed or why: the batch is applied again one event at a
 * time. An event Redis rejects (an error reply such as {@code WRONGTYPE} on a key someone else wrote) is left
 * pending for another delivery (and ends in the dead-letter stream if it keeps failing); the rest are
 * acknowledged. A lost connection fails the whole batch; the consumer loop backs off and delivers it again.
 */
@ApplicationScoped
public class Projection implements StreamEntryHandler {

    private static final Logger LOG = Logger.getLogger(Projection.class);
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
        APPLIED, IGNORED_AS_OLDER, FAILED
    }

    @Override
    public Uni<Void> handle(List<ConsumedEntry> entries, Acknowledger acknowledger) {
        return apply(entries, acknowledger).chain(done -> acknowledger.ack(done));
    }

    /** Applies the entries; returns those whose effect is stored, reporting the others to the acknowledger. */
    private Uni<List<ConsumedEntry>> apply(List<ConsumedEntry> entries, Acknowledger acknowledger) {
        return ProjectionScript.SCRIPT.batch(redis, entries.stream().map(ProjectionScript::request).toList())
                .ifNoItem().after(REPLY_TIMEOUT).fail()
                .map(replies -> {
                    for (Response reply : replies) {
                        count(reply);
                    }
                    return entries;
                })
                // Which call failed, and why, only single calls tell: a rejected event fails alone, a lost
                // connection fails the first call and with it the batch.
                .onFailure().recoverWithUni(failure -> {
                    LOG.debugf("A pipeline of %d events failed (%s); applying them one by one", entries.size(),
                            failure.getMessage());
                    return applyOneByOne(entries, acknowledger);
                });
    }

    private Uni<List<ConsumedEntry>> applyOneByOne(List<ConsumedEntry> entries, Acknowledger acknowledger) {
        List<ConsumedEntry> done = new ArrayList<>(entries.size());
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> applyOne(entry)
                        .invoke(outcome -> {
                            if (outcome != Outcome.FAILED) {
                                done.add(entry);
                            }
                        })
                        .onFailure(RedisReplies::isErrorReply).recoverWithItem(failure -> {
                            acknowledger.fail(entry, failure);
                            return Outcome.FAILED;
                        }))
                .collect().last()
                .replaceWith(done);
    }

    /** Applies one event on its own (tests use it to apply events in a chosen order). */
    Uni<Outcome> applyOne(ConsumedEntry entry) {
        return ProjectionScript.SCRIPT.send(redis, ProjectionScript.request(entry))
                .ifNoItem().after(REPLY_TIMEOUT).fail()
                .map(this::count);
    }

    private Outcome count(Response reply) {
        if (reply.toLong() == APPLIED) {
            applied.increment();
            return Outcome.APPLIED;
        }
        ignored.increment();
        return Outcome.IGNORED_AS_OLDER;
    }
}
