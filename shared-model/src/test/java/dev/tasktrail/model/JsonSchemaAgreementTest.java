package dev.tasktrail.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published JSON Schema and the codec's validator must accept and reject the same documents. The schema
 * checks form only; calendar validity and the year range of {@code occurredAt} are the validator's alone.
 */
class JsonSchemaAgreementTest {

    static final String SCHEMA_RESOURCE = "/schema/task-event.v1.schema.json";

    private static JsonSchema schema;

    @BeforeAll
    static void loadSchema() throws IOException {
        try (InputStream in = JsonSchemaAgreementTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tasktrail.model.EventSamples#validCases")
    void schemaAcceptsWhatTheCodecAccepts(String name, ObjectNode event) {
        assertThat(TaskEventCodec.decode(event).isValid()).isTrue();
        assertThat(schema.validate(event)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.tasktrail.model.EventSamples#invalidCases")
    void schemaRejectsWhatTheCodecRejects(String name, String field, ObjectNode event) {
        assertThat(TaskEventCodec.decode(event).isValid()).isFalse();
        assertThat(schema.validate(event)).isNotEmpty();
    }

    @Test
    void docsPublishTheSameSchema() throws IOException {
        Path published = Path.of("..", "docs", "schema", "task-event.v1.schema.json");
        try (InputStream in = JsonSchemaAgreementTest.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            assertThat(Files.readString(published)).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
