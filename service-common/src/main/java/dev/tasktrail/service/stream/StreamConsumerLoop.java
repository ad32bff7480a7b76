package dev.tasktrail.service.stream;

import dev.tasktrail.model.DecodeResult;
import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.service.stream.RedisReplies.RawEntry;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * One consumer of a Redis stream consumer group, reading in a loop that never dies. Each service creates one (a
 * plain object: service-common has no CDI beans), {@link #start() starts} it from its own bean at start-up and
 * {@link #stop() stops} it at shutdown.
 *
 * <h2>What it does</h2>
 * <ol>
 *   <li>Creates the group from the start of the stream ({@code XGROUP CREATE key group 0 MKSTREAM}; an existing
 *       group, {@code BUSYGROUP}, is fine), so a new deployment processes everything retained.</li>
 *   <li>Reads this consumer's own pending entries ({@code XREADGROUP ... 0}) before new ones: work a previous run
 *       of this replica received but never acknowledged.</li>
 *   <li>Reads new entries ({@code XREADGROUP ... BLOCK ... >}) in batches of up to {@code batchSize}, blocking at
 *       most {@code block} on the {@code blockingReads} client, so a waiting read never holds a connection that
 *       other commands need.</li>
 *   <li>Every {@code claimInterval}, claims entries that other consumers left pending longer than {@code claimIdle}
 *       ({@code XAUTOCLAIM}): the work of a crashed replica, or entries a handler {@linkplain Acknowledger#fail
 *       failed}. Entries its own handler still holds are kept fresh ({@code XCLAIM ... JUSTID}, on a timer of
 *       their own that runs even while the loop waits for the handler) so that no other replica claims them,
 *       however long the handler takes (an archiver waiting for S3).</li>
 *   <li>Decodes and validates each entry with shared-model. Entries that are invalid, have no {@code event} field,
 *       or were delivered more than {@code maxDeliveries} times go to the dead-letter stream
 *       ({@link RedisKeys#deadLetterStream}; fields {@link RedisKeys.DeadLetter}: entry id, raw event, group,
 *       reason; for too many deliveries the reason holds the last error a handler reported) and are
 *       acknowledged, in one atomic step per batch. Entries deleted from the stream while pending are acknowledged.
 *       The valid rest goes to the {@link StreamEntryHandler} as one batch.</li>
 *   <li>Waits for the handler's Uni before reading again (backpressure). Acknowledgements are the handler's:
 *       through the {@link Acknowledger}, at once or later.</li>
 *   <li>On any failure (Redis unreachable, a reply it cannot use, a failed handler Uni) it backs off
 *       exponentially from {@code retryMinBackoff} to {@code retryMaxBackoff} with jitter, then starts over from
 *       step 1: the group may be gone (a Redis restarted without data), and a read whose reply was lost left
 *       entries pending for this consumer that only step 2 finds. Never a busy loop, never stops by itself.</li>
 * </ol>
 *
 * <h2>Stopping</h2>
 * {@link #stop()} stops reading, lets the step in progress finish (a blocking read returns within {@code block};
 * its entries are handed over and the handler's Uni awaited), then removes this consumer from the group when
 * nothing is pending for it. Nothing is acknowledged on the handler's behalf: what it has not acknowledged stays
 * pending, for this replica's next start (own pending first) or another replica's claim.
 *
 * <h2>Metrics</h2>
 * Tagged {@code stream}, {@code group}, {@code consumer}: counters {@code tasktrail.stream.consumer.entries.read},
 * {@code .entries.claimed}, {@code .entries.dead.lettered} (tag {@code reason}: {@code invalid} or
 * {@code max_deliveries}), {@code .entries.acknowledged}, {@code .entries.failed}, {@code .failures}; timer
 * {@code .batch.duration} (read to handler done); gauges {@code .group.lag} and {@code .group.pending} (from
 * {@code XINFO GROUPS}, refreshed every claim interval) and {@code .in.flight}.
 *
 * <h2>Threads</h2>
 * Steps run one after another; the handler is called on a Mutiny worker thread, never on a Vert.x event loop.
 * The {@link Acknowledger} may be used from any thread.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * @ApplicationScoped
 * class ArchiveConsumer {
 *     private volatile StreamConsumerLoop loop;
 *
 *     void onStart(@Observes StartupEvent event, ArchiverConfig config, Redis commands,
 *             @RedisClientName("stream-reads") Redis blockingReads, ArchiveBuffer buffer, MeterRegistry meters) {
 *         ArchiverConfig.Redis redis = config.tracking().redis();
 *         StreamConsumerSettings settings = StreamConsumerSettings.of(redis.streamKey(),
 *                 redis.archiverConsumerGroup(), TrackingRedisConfig.consumerNameOrHostName(redis),
 *                 config.archiver().consumer()); // a StreamConsumerConfig group in the service's mapping
 *         loop = new StreamConsumerLoop(settings, commands, blockingReads, buffer, meters);
 *         loop.start();
 *     }
 *
 *     void onStop(@Observes ShutdownEvent event) {
 *         loop.stop().await().atMost(Duration.ofSeconds(10));
 *     }
 * }
 * }</pre>
 * The projector's {@code ProjectionConsumer} and {@code Projection} are a complete example of the
 * apply-then-acknowledge style.
 */
public final class StreamConsumerLoop {

    /** Where the loop is; a health check reports {@link #RUNNING} as up. */
    public enum State {
        /** Created, not started. */
        NEW,
        /** The last step succeeded. */
        RUNNING,
        /**
         * Started but no step has succeeded yet, or the last step failed ({@link #lastFailure()} says why) and the
         * loop backs off before it tries again.
         */
        RECOVERING,
        /** Stopped for good. */
        STOPPED
    }

    private enum Source { NEW, OWN_PENDING, CLAIMED }

    private static final Logger LOG = Logger.getLogger(StreamConsumerLoop.class);
    /** A blocking read must answer within BLOCK plus this, or its connection is presumed dead. */
    private static final Duration READ_REPLY_GRACE = Duration.ofSeconds(5);
    /** Every other command must answer within this (Quarkus' default Redis timeout). */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Ids per keep-fresh script call: Lua unpacks them into one XCLAIM. */
    private static final int KEEP_FRESH_CHUNK = 500;
    private static final double BACKOFF_JITTER = 0.2;
    /** Last errors are remembered for this many failed entries (only for the dead-letter reason). */
    private static final int LAST_ERRORS_KEPT = 10_000;
    private static final String CURSOR_START = "0-0";
    /** Held entries are checked this often per claim idle time, and refreshed once a third of it has passed. */
    private static final int KEEP_FRESH_TICKS_PER_IDLE = 6;

    private final StreamConsumerSettings settings;
    private final Redis commands;
    private final Redis blockingReads;
    private final StreamEntryHandler handler;
    private final StreamConsumerMetrics metrics;
    private final String deadLetterStream;
    private final Acknowledger acknowledger = new GroupAcknowledger();
    /** Entries the handler holds, by id, with when they were delivered or last kept fresh (nanoTime). */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final Map<String, String> lastErrors = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > LAST_ERRORS_KEPT;
        }
    });
    private final CompletableFuture<Void> finished = new CompletableFuture<>();

    // Where the loop is in the stream. Only steps touch these, and steps run one after another.
    private boolean recoveryNeeded = true;
    private String ownPendingCursor;
    private String claimCursor = CURSOR_START;
    private long nextClaimRoundNanos = System.nanoTime();
    private int consecutiveFailures;

    private volatile State state = State.NEW;
    private volatile Throwable lastFailure;

    private final Object lifecycle = new Object();
    private boolean stopRequested; // guarded by lifecycle
    private boolean stepRunning; // guarded by lifecycle
    private Cancellable subscription; // guarded by lifecycle
    private Cancellable keepFresh; // guarded by lifecycle

    /**
     * @param settings what to read and how
     * @param commands client for every short command (acknowledgements, claims, scripts)
     * @param blockingReads client for the blocking {@code XREADGROUP}; a client of its own (e.g. a named Quarkus
     *     Redis client) keeps waiting reads from occupying the connections of {@code commands}. May be the same
     *     client where that does not matter (tests)
     * @param handler what the service does with the entries
     * @param meterRegistry where the loop's meters are registered
     */
    public StreamConsumerLoop(StreamConsumerSettings settings, Redis commands, Redis blockingReads,
            StreamEntryHandler handler, MeterRegistry meterRegistry) {
        this.settings = settings;
        this.commands = commands;
        this.blockingReads = blockingReads;
        this.handler = handler;
        this.deadLetterStream = RedisKeys.deadLetterStream(settings.streamKey());
        this.metrics = new StreamConsumerMetrics(meterRegistry, settings, inFlight::size);
    }

    /**
     * Starts reading in the background and returns at once.
     *
     * @throws IllegalStateException when called a second time
     */
    public void start() {
        synchronized (lifecycle) {
            if (state != State.NEW) {
                throw new IllegalStateException("the loop of consumer " + settings.consumer() + " was started before");
            }
            state = State.RECOVERING;
            LOG.infof("Consuming stream %s in group %s as %s", settings.streamKey(), settings.group(),
                    settings.consumer());
            subscription = Multi.createBy().repeating()
                    .uni(() -> Uni.createFrom().deferred(this::step)
                            .onFailure().invoke(this::onStepFailure)
                            .onFailure().retry()
                            .withBackOff(settings.retryMinBackoff(), settings.retryMaxBackoff())
                            .withJitter(BACKOFF_JITTER)
                            .indefinitely())
                    .whilst(keepGoing -> keepGoing)
                    .subscribe().with(ignored -> {
                    }, this::onLoopFailure, this::onLoopEnd);
            keepFresh = Multi.createFrom().ticks().every(settings.claimIdle().dividedBy(KEEP_FRESH_TICKS_PER_IDLE))
                    .onOverflow().drop()
                    .onItem().transformToUniAndConcatenate(tick -> keepInFlightFresh())
                    .subscribe().with(ignored -> {
                    }, failure -> LOG.errorf(failure, "Keeping held entries of %s fresh ended", settings.consumer()));
        }
    }

    /**
     * Stops reading, lets the step in progress finish (including the handler's Uni for the batch just read), then
     * leaves the group if nothing is pending for this consumer. Acknowledgements stay possible afterwards.
     *
     * @return completes when the loop has stopped; does not complete while the handler's Uni does not, so
     *     callers bound the wait ({@code stop().await().atMost(...)})
     */
    public Uni<Void> stop() {
        synchronized (lifecycle) {
            stopRequested = true;
            if (state == State.NEW) {
                finish();
            } else if (!stepRunning && subscription != null) {
                // Between steps or backing off: nothing in flight, no need to wait for the backoff to end.
                subscription.cancel();
                onLoopEnd();
            }
        }
        return Uni.createFrom().completionStage(finished).call(this::leaveGroupIfIdle);
    }

    public State state() {
        return state;
    }

    /** Why the last step failed, while the loop is {@link State#RECOVERING}. */
    public Optional<Throwable> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    public StreamConsumerSettings settings() {
        return settings;
    }

    /** Entries handed to the handler and not yet settled. */
    public int inFlightCount() {
        return inFlight.size();
    }

    private Uni<Boolean> step() {
        synchronized (lifecycle) {
            if (stopRequested) {
                return Uni.createFrom().item(false);
            }
            stepRunning = true;
        }
        return Uni.createFrom().deferred(this::nextStep)
                .onItemOrFailure().invoke((ignored, failure) -> {
                    synchronized (lifecycle) {
                        stepRunning = false;
                    }
                })
                .invoke(this::onStepSuccess)
                .replaceWith(true);
    }

    /**
     * After a failure the group is joined again as part of the next step, so a retry that fails anywhere counts
     * as one more failed attempt and the backoff keeps growing while the trouble lasts.
     */
    private Uni<Integer> nextStep() {
        if (recoveryNeeded) {
            return joinGroup().chain(this::positionedStep);
        }
        return positionedStep();
    }

    private Uni<Integer> positionedStep() {
        if (ownPendingCursor != null) {
            return readOwnPending();
        }
        if (System.nanoTime() - nextClaimRoundNanos >= 0) {
            return claimStep();
        }
        return readNew();
    }

    /** Creates the group when missing and rewinds to this consumer's own pending entries. */
    private Uni<Void> joinGroup() {
        Request create = Request.cmd(Command.XGROUP).arg("CREATE").arg(settings.streamKey()).arg(settings.group())
                .arg("0").arg("MKSTREAM");
        return command(create)
                .onFailure(failure -> RedisReplies.isErrorReply(failure)
                        && String.valueOf(failure.getMessage()).startsWith("BUSYGROUP")).recoverWithNull()
                .invoke(() -> {
                    recoveryNeeded = false;
                    ownPendingCursor = "0";
                    claimCursor = CURSOR_START;
                })
                .replaceWithVoid();
    }

    private Uni<Integer> readOwnPending() {
        Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(settings.group()).arg(settings.consumer())
                .arg("COUNT").arg(settings.batchSize())
                .arg("STREAMS").arg(settings.streamKey()).arg(ownPendingCursor);
        return command(read)
                .map(RedisReplies::readEntries)
                .chain(entries -> {
                    if (entries.isEmpty()) {
                        ownPendingCursor = null;
                        return Uni.createFrom().item(0);
                    }
                    ownPendingCursor = entries.get(entries.size() - 1).id();
                    return process(entries, Source.OWN_PENDING);
                });
    }

    private Uni<Integer> readNew() {
        Request read = Request.cmd(Command.XREADGROUP).arg("GROUP").arg(settings.group()).arg(settings.consumer())
                .arg("COUNT").arg(settings.batchSize()).arg("BLOCK").arg(settings.block().toMillis())
                .arg("STREAMS").arg(settings.streamKey()).arg(">");
        Duration replyTimeout = settings.block().plus(READ_REPLY_GRACE);
        return blockingReads.send(read)
                .ifNoItem().after(replyTimeout).failWith(() -> new TimeoutException(
                        "no reply to a blocking read within " + replyTimeout.toMillis() + " ms"))
                .map(RedisReplies::readEntries)
                .chain(entries -> process(entries, Source.NEW));
    }

    /** Claims one page of entries idle too long; a full round ends with refreshing the group metrics. */
    private Uni<Integer> claimStep() {
        Request claim = Request.cmd(Command.XAUTOCLAIM).arg(settings.streamKey()).arg(settings.group())
                .arg(settings.consumer()).arg(settings.claimIdle().toMillis()).arg(claimCursor)
                .arg("COUNT").arg(settings.batchSize());
        return command(claim)
                .chain(reply -> {
                    // reply: [next cursor, claimed entries, ids deleted while pending (Redis dropped them already)]
                    claimCursor = reply.get(0).toString();
                    List<RawEntry> claimed = RedisReplies.entries(reply.get(1));
                    if (!claimed.isEmpty()) {
                        LOG.infof("Claimed %d entries idle for more than %d ms in group %s", claimed.size(),
                                settings.claimIdle().toMillis(), settings.group());
                        metrics.claimed(claimed.size());
                    }
                    return process(claimed, Source.CLAIMED);
                })
                .call(() -> {
                    if (!CURSOR_START.equals(claimCursor)) {
                        return Uni.createFrom().voidItem(); // more to scan: the next step continues the round
                    }
                    nextClaimRoundNanos = System.nanoTime() + settings.claimInterval().toNanos();
                    return refreshGroupMetrics();
                });
    }

    /**
     * Resets the idle time of entries the handler has held for a third of the claim idle time. Runs on a ticker
     * of its own: while the handler's buffer is full the loop waits, but its entries must stay fresh.
     */
    private Uni<Void> keepInFlightFresh() {
        long now = System.nanoTime();
        long freshFor = settings.claimIdle().toNanos() / 3;
        List<String> stale = inFlight.entrySet().stream()
                .filter(entry -> now - entry.getValue() > freshFor)
                .map(Map.Entry::getKey)
                .toList();
        if (stale.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < stale.size(); from += KEEP_FRESH_CHUNK) {
            chunks.add(stale.subList(from, Math.min(stale.size(), from + KEEP_FRESH_CHUNK)));
        }
        return Multi.createFrom().iterable(chunks)
                .onItem().transformToUniAndConcatenate(this::keepFresh)
                .collect().with(Collectors.summingInt(Integer::intValue))
                .invoke(lost -> {
                    stale.forEach(id -> inFlight.computeIfPresent(id, (key, since) -> now));
                    if (lost > 0) {
                        // Only after a pause longer than the claim idle time (a stalled JVM, Redis unreachable).
                        LOG.warnf("%d entries held by the handler of %s were claimed by another consumer; both may"
                                + " process them", lost, settings.consumer());
                    }
                })
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("Could not keep held entries of %s fresh: %s",
                        settings.consumer(), describe(failure)))
                .onFailure().recoverWithNull();
    }

    /** Returns how many of the ids another consumer owns by now. */
    private Uni<Integer> keepFresh(List<String> ids) {
        List<String> args = new ArrayList<>(ids.size() + 2);
        args.add(settings.group());
        args.add(settings.consumer());
        args.addAll(ids);
        return script(ConsumerScripts.TOUCH, List.of(settings.streamKey()), args).map(Response::size);
    }

    private Uni<Void> refreshGroupMetrics() {
        return command(Request.cmd(Command.XINFO).arg("GROUPS").arg(settings.streamKey()))
                .invoke(groups -> {
                    for (int i = 0; i < groups.size(); i++) {
                        Map<String, Response> group = RedisReplies.fields(groups.get(i));
                        Response name = group.get("name");
                        if (name != null && settings.group().equals(name.toString())) {
                            metrics.groupInfo(longOr(group.get("lag")), longOr(group.get("pending")));
                        }
                    }
                })
                .replaceWithVoid();
    }

    private static long longOr(Response value) {
        return value == null ? -1 : value.toLong();
    }

    private Uni<Integer> process(List<RawEntry> entries, Source source) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        long started = System.nanoTime();
        metrics.read(entries.size());
        List<String> deleted = new ArrayList<>();
        List<RawEntry> present = new ArrayList<>(entries.size());
        for (RawEntry entry : entries) {
            if (entry.deleted()) {
                deleted.add(entry.id());
            } else if (!inFlight.containsKey(entry.id())) {
                present.add(entry);
            }
        }
        return Uni.createFrom().item(present)
                // Decoding and the handler stay off the Vert.x event loop that delivered the reply.
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .call(() -> acknowledgeDeleted(deleted))
                .chain(() -> deliveryCounts(present, source))
                .chain(counts -> settle(present, counts))
                .invoke(() -> metrics.batchDone(started))
                .replaceWith(entries.size());
    }

    /** Entries deleted from the stream while pending: nothing left to process. */
    private Uni<Void> acknowledgeDeleted(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        LOG.infof("Acknowledging %d entries deleted from %s while pending", ids.size(), settings.streamKey());
        return command(xack(ids)).replaceWithVoid();
    }

    /** Per entry: how often delivered, or -1 when no longer pending for this consumer. */
    private Uni<int[]> deliveryCounts(List<RawEntry> entries, Source source) {
        if (source == Source.NEW || entries.isEmpty()) {
            int[] firstDelivery = new int[entries.size()];
            Arrays.fill(firstDelivery, 1);
            return Uni.createFrom().item(firstDelivery);
        }
        List<String> args = new ArrayList<>(entries.size() + 1);
        args.add(settings.group());
        entries.forEach(entry -> args.add(entry.id()));
        return script(ConsumerScripts.PENDING_INFO, List.of(settings.streamKey()), args)
                .map(reply -> {
                    int[] counts = new int[entries.size()];
                    for (int i = 0; i < counts.length; i++) {
                        Response info = reply.get(i);
                        boolean ours = settings.consumer().equals(info.get(0).toString());
                        counts[i] = ours ? info.get(1).toInteger() : -1;
                    }
                    return counts;
                });
    }

    private Uni<Void> settle(List<RawEntry> entries, int[] deliveryCounts) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        List<ConsumedEntry> accepted = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            RawEntry entry = entries.get(i);
            int deliveries = deliveryCounts[i];
            if (deliveries < 0) {
                continue; // another consumer owns it now, or it was acknowledged meanwhile
            }
            if (deliveries > settings.maxDeliveries()) {
                deadLetters.add(new DeadLetter(entry, tooManyDeliveries(entry.id(), deliveries), true));
                continue;
            }
            if (entry.event() == null) {
                deadLetters.add(new DeadLetter(entry, "the entry has no '" + RedisKeys.EVENT_FIELD + "' field", false));
                continue;
            }
            DecodeResult decoded = TaskEventCodec.decode(entry.event());
            if (!decoded.isValid()) {
                deadLetters.add(new DeadLetter(entry, "invalid event: " + decoded.describeViolations(), false));
                continue;
            }
            accepted.add(new ConsumedEntry(StreamEntryId.parse(entry.id()), entry.event(), decoded.orElseThrow(),
                    deliveries));
        }
        return deadLetter(deadLetters).chain(() -> deliver(accepted));
    }

    private String tooManyDeliveries(String id, int deliveries) {
        String lastError = lastErrors.get(id);
        return "delivered " + deliveries + " times, more than the limit of " + settings.maxDeliveries()
                + ", without being acknowledged; last error: "
                + (lastError != null ? lastError : "none recorded by " + settings.consumer()
                        + " (the consumer that held it may have crashed while handling it)");
    }

    private record DeadLetter(RawEntry entry, String reason, boolean tooManyDeliveries) {
    }

    private Uni<Void> deadLetter(List<DeadLetter> deadLetters) {
        if (deadLetters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<String> args = new ArrayList<>(deadLetters.size() * 3 + 2);
        args.add(settings.group());
        args.add(settings.consumer());
        for (DeadLetter deadLetter : deadLetters) {
            args.add(deadLetter.entry().id());
            args.add(deadLetter.entry().event() == null ? "" : deadLetter.entry().event());
            args.add(deadLetter.reason());
        }
        return script(ConsumerScripts.DEAD_LETTER, List.of(settings.streamKey(), deadLetterStream), args)
                .invoke(reply -> {
                    List<String> moved = new ArrayList<>(reply.size());
                    for (int i = 0; i < reply.size(); i++) {
                        moved.add(reply.get(i).toString());
                    }
                    for (DeadLetter deadLetter : deadLetters) {
                        String id = deadLetter.entry().id();
                        if (!moved.contains(id)) {
                            continue;
                        }
                        lastErrors.remove(id);
                        if (deadLetter.tooManyDeliveries()) {
                            metrics.deadLetteredMaxDeliveries(1);
                        } else {
                            metrics.deadLetteredInvalid(1);
                        }
                        LOG.warnf("Moved entry %s of %s to %s: %s", id, settings.streamKey(), deadLetterStream,
                                deadLetter.reason());
                    }
                })
                .replaceWithVoid();
    }

    private Uni<Void> deliver(List<ConsumedEntry> entries) {
        if (entries.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long now = System.nanoTime();
        entries.forEach(entry -> inFlight.put(entry.id().toString(), now));
        List<ConsumedEntry> batch = List.copyOf(entries);
        return Uni.createFrom().deferred(() -> handler.handle(batch, acknowledger))
                .onFailure().invoke(failure -> batch.forEach(entry -> inFlight.remove(entry.id().toString())));
    }

    /** A short command on the commands client; a connection that stopped answering fails it instead of hanging. */
    private Uni<Response> command(Request request) {
        return commands.send(request)
                .ifNoItem().after(COMMAND_TIMEOUT).failWith(() -> timeout(request.getDelegate().command().toString()));
    }

    private Uni<Response> script(LuaScript script, List<String> keys, List<String> args) {
        return script.call(commands, keys, args)
                .ifNoItem().after(COMMAND_TIMEOUT).failWith(() -> timeout("script " + script.name()));
    }

    private static TimeoutException timeout(String what) {
        return new TimeoutException("no reply from Redis within " + COMMAND_TIMEOUT.toMillis() + " ms to " + what);
    }

    private Request xack(Collection<String> ids) {
        Request xack = Request.cmd(Command.XACK).arg(settings.streamKey()).arg(settings.group());
        ids.forEach(xack::arg);
        return xack;
    }

    private void onStepSuccess() {
        if (consecutiveFailures > 0) {
            LOG.infof("Consumer %s of group %s works again after %d failed attempts", settings.consumer(),
                    settings.group(), consecutiveFailures);
        }
        consecutiveFailures = 0;
        lastFailure = null;
        state = State.RUNNING;
    }

    private void onStepFailure(Throwable failure) {
        recoveryNeeded = true;
        consecutiveFailures++;
        lastFailure = failure;
        state = State.RECOVERING;
        metrics.redisFailure();
        if (consecutiveFailures == 1) {
            LOG.warnf("Consumer %s of group %s failed (%s); retrying with backoff up to %d ms", settings.consumer(),
                    settings.group(), describe(failure), settings.retryMaxBackoff().toMillis());
        } else {
            LOG.debugf("Consumer %s of group %s failed again (attempt %d): %s", settings.consumer(),
                    settings.group(), consecutiveFailures, describe(failure));
        }
    }

    /** Only a defect can get here: every step failure is retried. */
    private void onLoopFailure(Throwable failure) {
        LOG.errorf(failure, "The loop of consumer %s of group %s ended unexpectedly", settings.consumer(),
                settings.group());
        lastFailure = failure;
        finish();
    }

    private void onLoopEnd() {
        if (state != State.STOPPED) {
            LOG.infof("Consumer %s of group %s stopped reading", settings.consumer(), settings.group());
        }
        finish();
    }

    private void finish() {
        synchronized (lifecycle) {
            if (keepFresh != null) {
                keepFresh.cancel();
            }
        }
        state = State.STOPPED;
        finished.complete(null);
    }

    private Uni<Void> leaveGroupIfIdle() {
        synchronized (lifecycle) {
            if (subscription == null) {
                return Uni.createFrom().voidItem(); // never started: never joined
            }
        }
        if (!inFlight.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return script(ConsumerScripts.LEAVE, List.of(settings.streamKey()),
                        List.of(settings.group(), settings.consumer()))
                .invoke(left -> LOG.debugf("Consumer %s %s group %s", settings.consumer(),
                        left.toInteger() == 1 ? "left" : "stays in (entries pending)", settings.group()))
                .onFailure().invoke(failure -> LOG.debugf("Consumer %s could not leave group %s: %s",
                        settings.consumer(), settings.group(), describe(failure)))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    static String describe(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank() ? failure.getClass().getSimpleName() : message;
    }

    /** Acknowledges through the group; safe from any thread. */
    private final class GroupAcknowledger implements Acknowledger {


        @Override
        public Uni<Void> ackIds(Collection<StreamEntryId> entryIds) {
            if (entryIds.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            List<String> ids = entryIds.stream().map(StreamEntryId::toString).toList();
            return command(xack(ids))
                    .invoke(() -> {
                        ids.forEach(id -> {
                            inFlight.remove(id);
                            lastErrors.remove(id);
                        });
                        metrics.acknowledged(ids.size());
                    })
                    .replaceWithVoid();
        }

        @Override
        public void fail(ConsumedEntry entry, Throwable error) {
            String id = entry.id().toString();
            inFlight.remove(id);
            lastErrors.put(id, describe(error));
            metrics.failed();
            LOG.warnf("Entry %s of %s failed in group %s (delivery %d of at most %d): %s", id, settings.streamKey(),
                    settings.group(), entry.deliveryCount(), settings.maxDeliveries(), describe(error));
        }

        @Override
        public void release(Collection<StreamEntryId> ids) {
            ids.forEach(id -> {
                inFlight.remove(id.toString());
                lastErrors.remove(id.toString());
            });
        }
    }
}
