package dev.tasktrail.publisher.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.testing.RedisTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class OpenApiTest {

    @Test
    void documentsBothOperationsWithExamplesAndTheKey() {
        JsonNode document = openApi();

        JsonNode single = document.at("/paths/~1v1~1events/post");
        assertThat(single.at("/requestBody/content/application~1json/schema/$ref").textValue())
                .isEqualTo("#/components/schemas/TaskEvent");
        assertThat(single.at("/requestBody/content/application~1json/examples/in_progress/value/executionId").textValue())
                .isEqualTo("run-42");
        assertThat(single.get("responses").fieldNames()).toIterable().containsExactlyInAnyOrder("202", "400", "401", "413", "503");
        JsonNode batch = document.at("/paths/~1v1~1events~1batch/post");
        assertThat(batch.at("/responses/200/content/application~1json/examples/mixed/value/items").size()).isEqualTo(2);
        assertThat(document.at("/components/securitySchemes/apiKey/scheme").textValue()).isEqualTo("bearer");
    }

    @Test
    void theEventSchemaIsTheContractsJsonSchema() throws IOException {
        JsonNode contract;
        try (InputStream schema = Json.class.getResourceAsStream("/schema/task-event.v1.schema.json")) {
            contract = Json.parse(new String(schema.readAllBytes(), StandardCharsets.UTF_8));
        }
        JsonNode documented = openApi().at("/components/schemas/TaskEvent");

        assertThat(documented.get("properties")).isEqualTo(contract.get("properties"));
        assertThat(Json.strings(documented.get("required")))
                .as("what the publisher fills is optional here")
                .containsExactly("executionId", "taskName", "status", "project", "actor");
    }

    private static JsonNode openApi() {
        return Json.parse(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
    }
}
