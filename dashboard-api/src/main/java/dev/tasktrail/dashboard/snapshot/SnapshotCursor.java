package dev.tasktrail.dashboard.snapshot;

import dev.tasktrail.dashboard.query.InvalidParameterException;
import dev.tasktrail.model.TaskEventValidator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The opaque {@code cursor} of snapshot pages: the index position of the last entry a page covered, so the next
 * page starts strictly after it even when entries above it moved or new ones arrived. Base64url of
 * {@code 1:{score}:{executionId}}; the leading version lets the format change without misreading old cursors.
 */
final class SnapshotCursor {

    static final String PARAMETER = "cursor";

    private static final String VERSION = "1";
    private static final Pattern SCORE = Pattern.compile("[0-9]{1,15}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private SnapshotCursor() {
    }

    static String encode(IndexPosition position) {
        String text = VERSION + ":" + position.score() + ":" + position.executionId();
        return ENCODER.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidParameterException when {@code cursor} is not one this API issued
     */
    static IndexPosition decode(String cursor) {
        String[] parts;
        try {
            parts = new String(DECODER.decode(cursor), StandardCharsets.UTF_8).split(":", 3);
        } catch (IllegalArgumentException notBase64) {
            throw malformed();
        }
        if (parts.length != 3 || !parts[0].equals(VERSION) || !SCORE.matcher(parts[1]).matches()
                || parts[2].length() > TaskEventValidator.MAX_ID_LENGTH
                || !TaskEventValidator.ID_PATTERN.matcher(parts[2]).matches()) {
            throw malformed();
        }
        return new IndexPosition(Long.parseLong(parts[1]), parts[2]);
    }

    private static InvalidParameterException malformed() {
        return new InvalidParameterException(PARAMETER, "not a cursor issued by this API; use nextCursor of a previous page");
    }
}
