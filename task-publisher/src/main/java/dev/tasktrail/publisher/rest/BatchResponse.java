package dev.tasktrail.publisher.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * The 200 answer to a batch: one result per submitted event, in order.
 *
 * @param accepted events appended by this request
 * @param duplicates events whose {@code eventId} was already in the stream (answered with the first entry)
 * @param rejected invalid events, nothing written for them
 */
@RegisterForReflection
public record BatchResponse(int accepted, int duplicates, int rejected, List<BatchItemResult> items) {
}
