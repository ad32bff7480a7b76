package dev.tasktrail.publisher;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Requests to the publishing API with a valid key. */
public final class ApiClient {

    public static final String KEY = "test-key";

    private ApiClient() {
    }

    public static RequestSpecification authorized() {
        return given().header("Authorization", "Bearer " + KEY).contentType(ContentType.JSON);
    }

    public static ValidatableResponse publish(Object body) {
        return authorized().body(body.toString()).post("/v1/events").then();
    }

    public static ValidatableResponse publishBatch(Object body) {
        return authorized().body(body.toString()).post("/v1/events/batch").then();
    }
}
