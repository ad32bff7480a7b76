package dev.tasktrail.dashboard;

import static org.hamcrest.Matchers.equalTo;

import io.restassured.response.ValidatableResponse;

/** Assertions on answers every dashboard route shares. */
public final class Responses {

    private Responses() {
    }

    /** SPEC §5: exactly {@code {"error":"dashboard_unauthorized"}} with status 401. */
    public static void assertUnauthorized(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", "Bearer")
                .body("error", equalTo("dashboard_unauthorized"))
                .body("size()", equalTo(1));
    }
}
