package dev.tasktrail.publisher.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The 202 answer: the event is in the stream.
 *
 * @param eventId the event's id, generated when the producer sent none
 * @param streamId the stream entry holding it
 * @param duplicate true when the {@code eventId} was published before: {@code streamId} is that first entry's,
 *     and this request appended nothing
 */
@RegisterForReflection
public record PublishedEvent(String eventId, String executionId, String streamId, boolean duplicate) {
}
