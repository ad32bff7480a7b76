package dev.tasktrail.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tasktrail.model.Json;
import dev.tasktrail.publisher.CurlExamples.Block;
import dev.tasktrail.publisher.CurlExamples.Example;
import dev.tasktrail.publisher.projects.ProjectsConfigFileResource;
import dev.tasktrail.testing.InjectRedisServer;
import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.deploy.ServiceModule;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The curl examples of docs/publishing.md work against the packaged service started as the page starts it (key
 * {@code local-dev-key}, a projects config file): run with bash in page order, each answers the documented status
 * and prints the documented output. Values that differ on every run (stream ids, generated UUIDs) need only the
 * same form, but a value the page repeats must be repeated by the service too (a retry answers the first streamId).
 */
@QuarkusIntegrationTest
@TestProfile(PublishingDocIT.AsDocumented.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = ProjectsConfigFileResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PublishingDocIT {

    static final String KEY = "local-dev-key";
    static final Pattern STREAM_ID = Pattern.compile("\\d+-\\d+");
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    /** curl as the page calls it, also writing the status to stderr (stdout stays what the page shows). */
    static final String CURL_WITH_STATUS =
            "curl() { command curl --max-time 20 --write-out '%{stderr}%{http_code}' \"$@\"; }\n";

    public static class AsDocumented implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("task.publisher.api-keys", KEY);
        }
    }

    @InjectRedisServer
    RedisServer redis;

    @TestHTTPResource
    URI service;

    /** Each run-specific value of the page, and what this run printed in its place. */
    private final Map<String, String> printedFor = new HashMap<>();

    /** @param stderr the status curl wrote (000 when there was no answer), and any error of the command */
    private record Run(int exitCode, String stdout, String stderr) {
    }

    @Test
    void everyCurlExampleAnswersAsThePageShows() throws Exception {
        CurlExamples page = CurlExamples.read(ServiceModule.current().root().resolve("docs").resolve("publishing.md"));
        assertThat(page.unmarkedCurlBlocks()).as("lines of curl examples without a check marker").isEmpty();
        List<Example> examples = page.examples();
        assertThat(examples).as("checked examples").isNotEmpty();

        for (Example example : examples) {
            String where = "docs/publishing.md, example at line " + example.line();
            Run run = example.redisStopped() ? runWithRedisStopped(example.command()) : run(example.command());
            assertThat(run.exitCode()).as("%s: exit code, stderr: %s", where, run.stderr()).isZero();
            assertThat(run.stderr().strip()).as("%s: status", where).isEqualTo(Integer.toString(example.status()));
            if (example.output().isPresent()) {
                assertPrints(example.output().get(), run.stdout(), where);
            }
        }
    }

    private Run runWithRedisStopped(String command) throws IOException, InterruptedException {
        redis.stop();
        try {
            return run(command);
        } finally {
            redis.restart();
        }
    }

    private Run run(String command) throws IOException, InterruptedException {
        ProcessBuilder bash = new ProcessBuilder("bash", "-c", CURL_WITH_STATUS + command);
        bash.environment().put("PUBLISHER", service.toString().replaceAll("/$", ""));
        bash.environment().put("KEY", KEY);
        Process process = bash.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("bash ends").isTrue();
        return new Run(process.exitValue(), stdout, stderr);
    }

    /** {@code json}: the body; {@code text}: {@code curl -i} output, the page's headers being a subset of the real ones. */
    private void assertPrints(Block expected, String printed, String where) {
        if (expected.language().equals("json")) {
            assertMatches(Json.parse(expected.text()), Json.parse(printed), where + ", body $");
            return;
        }
        String[] documented = expected.text().split("\n\n", 2);
        String[] actual = printed.split("\r\n\r\n", 2);
        assertThat(actual[0].lines().findFirst()).as("%s: status line", where)
                .isEqualTo(documented[0].lines().findFirst());
        assertThat(headers(actual[0])).as("%s: headers", where).containsAllEntriesOf(headers(documented[0]));
        assertMatches(Json.parse(documented[1]), Json.parse(actual[1]), where + ", body $");
    }

    /** The header lines after the status line, by lower-case name. */
    private static Map<String, String> headers(String head) {
        return head.lines().skip(1).collect(Collectors.toMap(
                line -> line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT),
                line -> line.substring(line.indexOf(':') + 1).strip()));
    }

    private void assertMatches(JsonNode expected, JsonNode actual, String path) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s is an object: %s", path, actual).isTrue();
            assertThat(fieldNames(actual)).as("%s fields", path).containsExactlyInAnyOrderElementsOf(fieldNames(expected));
            expected.fields().forEachRemaining(field ->
                    assertMatches(field.getValue(), actual.get(field.getKey()), path + "." + field.getKey()));
        } else if (expected.isArray()) {
            assertThat(actual.isArray() && actual.size() == expected.size())
                    .as("%s: an array of %d, got %s", path, expected.size(), actual).isTrue();
            for (int i = 0; i < expected.size(); i++) {
                assertMatches(expected.get(i), actual.get(i), path + "[" + i + "]");
            }
        } else if (expected.isTextual() && isRunSpecific(expected.textValue())) {
            assertRunSpecific(expected.textValue(), actual, path);
        } else {
            assertThat(actual).as(path).isEqualTo(expected);
        }
    }

    private static boolean isRunSpecific(String value) {
        return STREAM_ID.matcher(value).matches() || UUID.matcher(value).matches();
    }

    /** Same form as the page's value; the same as printed before where the page repeats the value. */
    private void assertRunSpecific(String documented, JsonNode actual, String path) {
        Pattern form = STREAM_ID.matcher(documented).matches() ? STREAM_ID : UUID;
        assertThat(actual.isTextual() && form.matcher(actual.textValue()).matches())
                .as("%s: like %s, got %s", path, documented, actual).isTrue();
        String printedBefore = printedFor.get(documented);
        if (printedBefore != null) {
            assertThat(actual.textValue()).as("%s: the page repeats %s here", path, documented).isEqualTo(printedBefore);
        } else {
            assertThat(printedFor.values()).as("%s: printed before for another value than %s", path, documented)
                    .doesNotContain(actual.textValue());
            printedFor.put(documented, actual.textValue());
        }
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
