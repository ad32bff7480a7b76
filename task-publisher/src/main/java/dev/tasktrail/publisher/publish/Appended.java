package dev.tasktrail.publisher.publish;

/**
 * Where an event is in the stream.
 *
 * @param streamId the stream entry id holding the event
 * @param duplicate true when the {@code eventId} had been published before: {@code streamId} is the first
 *     entry's and nothing was appended
 */
public record Appended(String streamId, boolean duplicate) {
}
