package dev.tasktrail.publisher.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What became of one event of a batch, at the event's position.
 *
 * @param status 202 (in the stream: {@code eventId}, {@code executionId}, {@code streamId}, {@code duplicate})
 *     or 400 ({@code error} {@code invalid_event} with {@code violations}; {@code eventId} when the producer sent one)
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BatchItemResult(int index, int status, String eventId, String executionId, String streamId,
        Boolean duplicate, String error, List<ViolationBody> violations) {
}
