package dev.tasktrail.publisher.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Every error answer but {@code invalid_event}: a stable code and a sentence for people.
 *
 * @param error {@code publisher_unauthorized}, {@code malformed_json}, {@code invalid_batch},
 *     {@code payload_too_large}, {@code unsupported_media_type} or {@code redis_unavailable}
 */
@RegisterForReflection
public record ErrorBody(String error, String message) {
}
