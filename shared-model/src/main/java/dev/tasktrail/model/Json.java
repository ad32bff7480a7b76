package dev.tasktrail.model;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The one Jackson mapper of the contract. Only the tree model and the streaming parser and generator are used, so
 * nothing here needs reflection (safe in native images) and validation sees the document exactly as sent.
 */
public final class Json {

    /** Thread-safe. Duplicate keys and trailing content are rejected: which value was meant would be a guess. */
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {
    }

    /**
     * @throws MalformedJsonException when {@code text} is not one JSON value
     */
    public static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new MalformedJsonException("empty document");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    public static ArrayNode array(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode(values.size());
        values.forEach(array::add);
        return array;
    }

    /** The strings of a JSON array; empty for a missing or null node. */
    public static List<String> strings(JsonNode array) {
        if (array == null || array.isNull()) {
            return List.of();
        }
        List<String> values = new ArrayList<>(array.size());
        array.forEach(value -> values.add(value.asText()));
        return List.copyOf(values);
    }

    /**
     * The strings of a JSON array given as text, read as a stream of tokens (no tree): hashes keep their lists as
     * such text and a snapshot page reads two per item.
     *
     * @throws MalformedJsonException when {@code text} is not exactly one array of strings
     */
    public static List<String> stringArray(String text) {
        try (JsonParser parser = MAPPER.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedJsonException("expected an array of strings");
            }
            List<String> values = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token != JsonToken.VALUE_STRING) {
                    throw new MalformedJsonException("expected an array of strings, found " + token);
                }
                values.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("trailing content after the array");
            }
            return List.copyOf(values);
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException(e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException("reading a string never fails", e);
        }
    }

    /** Text that is not JSON; the message says where it broke without echoing the input. */
    public static final class MalformedJsonException extends IllegalArgumentException {
        public MalformedJsonException(String message) {
            super("malformed JSON: " + message);
        }
    }
}
