package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.model.ExecutionHash;
import dev.tasktrail.model.RedisKeys;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what the projector writes (SPEC §2) without blocking: index pages through {@link IndexReadScript}, and the
 * execution hashes of a page in one pipelined round trip.
 */
@ApplicationScoped
class ProjectionReader {

    private static final List<byte[]> ITEM_FIELD_ARGS = ExecutionHash.ITEM_FIELDS.stream()
            .map(field -> field.getBytes(StandardCharsets.UTF_8))
            .toList();

    private final Redis redis;

    ProjectionReader(Redis redis) {
        this.redis = redis;
    }

    /**
     * Entries of each index within {@code range} and after {@code after} (or from the range's top), newest first, at
     * most {@code perIndex} each.
     *
     * @param countKeys indexes to count (within {@code range}) in the same atomic read, with the stream position;
     *     empty to skip both
     */
    Uni<IndexRead> readIndexes(String streamKey, String projectorGroup, List<String> countKeys,
            List<String> indexKeys, TimeRange range, int perIndex, Optional<IndexPosition> after) {
        List<String> keys = new ArrayList<>(1 + countKeys.size() + indexKeys.size());
        keys.add(streamKey);
        keys.addAll(countKeys);
        keys.addAll(indexKeys);
        List<String> args = new ArrayList<>(7);
        args.add(Integer.toString(countKeys.size()));
        args.add(projectorGroup);
        args.add(Integer.toString(perIndex));
        args.add(range.fromMillis().isPresent() ? Long.toString(range.fromMillis().getAsLong()) : "");
        args.add(range.toMillis().isPresent() ? Long.toString(range.toMillis().getAsLong()) : "");
        after.ifPresent(position -> {
            args.add(Long.toString(position.score()));
            args.add(position.executionId());
        });
        return IndexReadScript.SCRIPT.call(redis, keys, args)
                .map(response -> IndexRead.from(response, countKeys.size()))
                .onFailure().transform(RedisUnavailableException::new);
    }

    /**
     * The item fields ({@link ExecutionHash#ITEM_FIELDS}) of these executions' hashes, in order; an empty map where
     * an execution has no hash.
     */
    Uni<List<Map<String, String>>> readExecutions(List<String> executionIds) {
        if (executionIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Request> requests = new ArrayList<>(executionIds.size());
        for (String executionId : executionIds) {
            Request request = Request.cmd(Command.HMGET).arg(RedisKeys.execution(executionId));
            for (byte[] field : ITEM_FIELD_ARGS) {
                request.arg(field);
            }
            requests.add(request);
        }
        return redis.batch(requests).map(responses -> {
            List<Map<String, String>> hashes = new ArrayList<>(responses.size());
            for (Response response : responses) {
                hashes.add(itemFields(response));
            }
            return hashes;
        }).onFailure().transform(RedisUnavailableException::new);
    }

    /** HMGET answers the values in the order asked, nil for a field (or hash) that does not exist. */
    private static Map<String, String> itemFields(Response values) {
        Map<String, String> hash = new HashMap<>(ExecutionHash.ITEM_FIELDS.size() * 2);
        for (int i = 0; i < ExecutionHash.ITEM_FIELDS.size(); i++) {
            Response value = values.get(i);
            if (value != null) {
                hash.put(ExecutionHash.ITEM_FIELDS.get(i), value.toString());
            }
        }
        return hash;
    }

    /**
     * One {@link IndexReadScript} answer.
     *
     * @param streamPosition the stream entry id the projection has surely reached (empty when not asked)
     * @param counts entries of each count key within the range ({@code ZCARD} without one), in order (empty when
     *     not asked)
     * @param pages per index key, its entries newest first
     */
    record IndexRead(Optional<String> streamPosition, List<Long> counts, List<List<IndexPosition>> pages) {

        static IndexRead from(Response response, int countKeys) {
            Optional<String> position = countKeys == 0 ? Optional.empty() : Optional.of(response.get(0).toString());
            List<Long> counts = new ArrayList<>(countKeys);
            for (Response count : response.get(1)) {
                counts.add(count.toLong());
            }
            List<List<IndexPosition>> pages = new ArrayList<>(response.size() - 2);
            for (int i = 2; i < response.size(); i++) {
                Response flat = response.get(i);
                List<IndexPosition> entries = new ArrayList<>(flat.size() / 2);
                for (int j = 0; j + 1 < flat.size(); j += 2) {
                    entries.add(new IndexPosition(score(flat.get(j + 1)), flat.get(j).toString()));
                }
                pages.add(entries);
            }
            return new IndexRead(position, List.copyOf(counts), List.copyOf(pages));
        }

        /** Scores are epoch milliseconds; Redis prints integral doubles without a fraction. */
        private static long score(Response score) {
            String text = score.toString();
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException fractional) {
                return (long) Double.parseDouble(text);
            }
        }
    }
}
