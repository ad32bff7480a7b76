package dev.tasktrail.archiver.archive;

import static dev.tasktrail.service.stream.LuaScript.luaString;

import dev.tasktrail.model.RedisKeys;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.service.stream.LuaScript;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * The write-ahead record that makes archiving exactly-once in effect. Before a batch's object is written, the
 * batch is <em>sealed</em>: its object key and entry ids are recorded in Redis (hash
 * {@link RedisKeys#archiveSeals}), atomically with a check that this consumer still owns every entry and that none
 * is sealed into another batch. The seal lives until the object is confirmed and its entries are acknowledged, and
 * is never forgotten while one of them is pending.
 *
 * <p>Why: after a crash between the put and the acknowledgement, the entries are delivered again, possibly to
 * another replica, possibly mixed with other entries or cut at other batch boundaries, so a batch formed afresh
 * would get another name and the events would be archived twice. Instead, the seal check sends them back to
 * their sealed batch, which is rebuilt from the stream entry by entry and written under its original name: S3
 * answers 412 when the first attempt stored it, or stores it now.
 */
public final class SealStore {

    private static final String ENTRY_FIELD_PREFIX = "entry:";
    private static final String OBJECT_FIELD_PREFIX = "object:";
    private static final Map<String, String> NAMES = Map.of(
            "ENTRY_FIELD_PREFIX", luaString(ENTRY_FIELD_PREFIX),
            "OBJECT_FIELD_PREFIX", luaString(OBJECT_FIELD_PREFIX),
            "EVENT_FIELD", luaString(RedisKeys.EVENT_FIELD));
    private static final LuaScript SEAL = LuaScript.fromResource(SealStore.class, "lua/seal-batch.lua", NAMES);
    private static final LuaScript READ = LuaScript.fromResource(SealStore.class, "lua/read-seal.lua", NAMES);
    private static final LuaScript COMPLETE = LuaScript.fromResource(SealStore.class, "lua/complete-seal.lua", NAMES);
    private static final LuaScript SWEEP = LuaScript.fromResource(SealStore.class, "lua/sweep-seals.lua", NAMES);
    private static final String SCAN_DONE = "0";
    /** A connection that stopped answering fails the call (which is then retried) instead of hanging it. */
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

    private final Redis redis;
    private final String streamKey;
    private final String sealsKey;
    private final String group;
    private final String consumer;

    public SealStore(Redis redis, String streamKey, String group, String consumer) {
        this.redis = redis;
        this.streamKey = streamKey;
        this.sealsKey = RedisKeys.archiveSeals(streamKey, group);
        this.group = group;
        this.consumer = consumer;
    }

    /** An entry that could not be sealed into the batch. */
    public record Conflict(StreamEntryId id, Optional<String> sealedAs) {

        /** No longer this consumer's to archive: acknowledged already, or claimed by another consumer. */
        public boolean released() {
            return sealedAs.isEmpty();
        }
    }

    /** The entries of a sealed batch as the stream holds them now; {@code json} is null for a deleted entry. */
    public record SealedEntry(StreamEntryId id, String json) {
    }

    /**
     * Seals the batch under {@code objectKey} unless an entry cannot be sealed: then nothing is recorded and every
     * such entry is returned. Sealing the same batch again is a success (a retried call).
     */
    public Uni<List<Conflict>> seal(String objectKey, List<StreamEntryId> ids) {
        List<String> args = new ArrayList<>(ids.size() + 3);
        args.add(group);
        args.add(consumer);
        args.add(objectKey);
        ids.forEach(id -> args.add(id.toString()));
        return call(SEAL, args).map(reply -> {
            List<Conflict> conflicts = new ArrayList<>(reply.size() / 2);
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                String sealedAs = reply.get(i + 1).toString();
                conflicts.add(new Conflict(StreamEntryId.parse(reply.get(i).toString()),
                        sealedAs.isEmpty() ? Optional.empty() : Optional.of(sealedAs)));
            }
            return conflicts;
        });
    }

    /**
     * The sealed batch of {@code objectKey} read back from the stream, in stream order; empty when there is no such
     * seal any more (its batch was completed).
     */
    public Uni<Optional<List<SealedEntry>>> read(String objectKey) {
        return call(READ, List.of(objectKey)).map(reply -> {
            if (reply.size() == 0) {
                return Optional.empty();
            }
            List<SealedEntry> entries = new ArrayList<>(reply.size() / 2);
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                String json = reply.get(i + 1).toString();
                entries.add(new SealedEntry(StreamEntryId.parse(reply.get(i).toString()), json.isEmpty() ? null : json));
            }
            return Optional.of(entries);
        });
    }

    /**
     * Acknowledges the batch's entries that are still pending and forgets its seal, atomically: call once S3
     * confirmed the object.
     */
    public Uni<Void> complete(String objectKey, List<StreamEntryId> ids) {
        List<String> args = new ArrayList<>(ids.size() + 2);
        args.add(group);
        args.add(objectKey);
        ids.forEach(id -> args.add(id.toString()));
        return call(COMPLETE, args).replaceWithVoid();
    }

    /**
     * Forgets the seals of batches none of whose entries is pending any more (their entries were dead-lettered
     * after too many deliveries). Safe while other replicas run.
     *
     * @return how many seals were forgotten
     */
    public Uni<Integer> sweep() {
        return sweepFrom(SCAN_DONE, 0);
    }

    private Uni<Integer> sweepFrom(String cursor, int forgotten) {
        return call(SWEEP, List.of(group, cursor)).chain(reply -> {
            String next = reply.get(0).toString();
            int total = forgotten + reply.get(1).toInteger();
            return SCAN_DONE.equals(next) ? Uni.createFrom().item(total) : sweepFrom(next, total);
        });
    }

    private Uni<Response> call(LuaScript script, List<String> args) {
        return script.call(redis, List.of(streamKey, sealsKey), args)
                .ifNoItem().after(COMMAND_TIMEOUT).failWith(() -> new TimeoutException(
                        "no reply from Redis within " + COMMAND_TIMEOUT.toMillis() + " ms to script " + script.name()));
    }

    /** The hash holding the seals (for tests and operators). */
    public String sealsKey() {
        return sealsKey;
    }
}
