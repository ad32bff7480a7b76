package dev.tasktrail.testing.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** YAML files (compose, workflows, Kubernetes manifests) as Jackson trees. */
public final class Yaml {

    private static final ObjectMapper MAPPER = new YAMLMapper();

    private Yaml() {
    }

    /** A single-document file; fails the test with the parser's message when it does not parse. */
    public static JsonNode read(Path file) {
        try {
            return MAPPER.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("does not parse as YAML: " + file, e);
        }
    }

    /** Every document of a multi-document file ({@code ---} separated). */
    public static List<JsonNode> readAll(Path file) {
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            var documentsIterator = MAPPER.readValues(parser, JsonNode.class);
            while (documentsIterator.hasNext()) {
                JsonNode document = documentsIterator.next();
                if (document != null && !document.isNull() && !document.isMissingNode()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("does not parse as YAML: " + file, e);
        }
        return documents;
    }

    /** The document of a kind and name in a manifest, or a missing node. */
    public static JsonNode object(List<JsonNode> manifest, String kind, String name) {
        return manifest.stream()
                .filter(document -> document.path("kind").asText().equals(kind)
                        && document.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElse(MissingNode.getInstance());
    }
}
