package dev.tasktrail.testing;

import static io.restassured.RestAssured.given;

import java.util.Map;

/**
 * Reads the {@code /q/metrics} of the application under test (a {@code @QuarkusTest}'s, through RestAssured). Tests
 * read metrics there rather than from the injected MeterRegistry: that is Micrometer's global composite, which keeps
 * meters of earlier test applications.
 */
public final class PrometheusMetrics {

    private PrometheusMetrics() {
    }

    /** The sum of the samples of {@code name} whose labels include all of {@code labels}. */
    public static double sum(String name, Map<String, String> labels) {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        double sum = 0;
        for (String line : scrape.lines().toList()) {
            if (!line.startsWith(name + "{") && !line.startsWith(name + " ")) {
                continue;
            }
            boolean matches = labels.entrySet().stream()
                    .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\""));
            if (matches) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    public static double sum(String name) {
        return sum(name, Map.of());
    }
}
