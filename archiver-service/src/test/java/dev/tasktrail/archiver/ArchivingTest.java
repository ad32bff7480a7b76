package dev.tasktrail.archiver;

import static dev.tasktrail.archiver.ArchivingProfile.BUCKET;
import static dev.tasktrail.archiver.ArchivingProfile.GROUP;
import static dev.tasktrail.archiver.ArchivingProfile.PREFIX;
import static dev.tasktrail.archiver.ArchivingProfile.STREAM;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.tasktrail.archiver.archive.ArchiveLayout;
import dev.tasktrail.archiver.archive.ArchivePartition;
import dev.tasktrail.model.DecodeResult;
import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.model.TaskEvent;
import dev.tasktrail.model.TaskEventCodec;
import dev.tasktrail.testing.PrometheusMetrics;
import dev.tasktrail.testing.RedisTestResource;
import dev.tasktrail.testing.s3.InjectS3Proxy;
import dev.tasktrail.testing.s3.S3ProxyServer;
import dev.tasktrail.testing.s3.S3ProxyTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The archive a running service writes: layout, content, the three flush rules, invalid entries, and reading the
 * archive back into exactly the published events.
 */
@QuarkusTest
@TestProfile(ArchivingTest.Profile.class)
@WithTestResource(value = RedisTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = S3ProxyTestResource.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = S3ProxyTestResource.BUCKETS, value = BUCKET))
class ArchivingTest {

    static final int MAX_EVENTS = 5;
    static final int MAX_BYTES = 4096;
    static final Duration MAX_AGE = Duration.ofMillis(1500);
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Pattern KEY = Pattern.compile(
            Pattern.quote(PREFIX) + "/([^/]+/[^/]+)/(\\d{4}-\\d{2}-\\d{2})/events-(\\d+)-[0-9a-f]{16}\\.jsonl");

    public static class Profile extends ArchivingProfile {
        @Override
        protected Map<String, String> settings() {
            return Map.of(
                    "task.archiver.batch.max-events", Integer.toString(MAX_EVENTS),
                    "task.archiver.batch.max-bytes", Integer.toString(MAX_BYTES),
                    "task.archiver.batch.max-age", "PT1.5S");
        }
    }

    @InjectS3Proxy
    S3ProxyServer s3;

    @Inject
    Redis redisClient;

    private RedisCommands redis;
    /** Entry id of every line published by this test, to check names and order. */
    private final Map<String, String> idOfLine = new HashMap<>();

    @BeforeEach
    void connect() {
        redis = new RedisCommands(redisClient);
    }

    @Test
    void writesAnObjectPerProjectAndUtcDayHoldingTheStreamJsonInStreamOrder() {
        List<String> projects = List.of("acme/rocket", "acme/drill", "umbrella/corp-site");
        List<String> published = new ArrayList<>();
        for (String project : projects) {
            published.add(publish(TestEvents.event(project, "2026-03-14T23:59:59.999Z")));
            published.add(publish(TestEvents.event(project, "2026-03-15T00:00:00.000Z")));
            published.add(publish(TestEvents.event(project, "2026-03-15T10:00:00.000Z")));
            // 01:30 at +02:00 is 23:30 UTC the day before: the UTC day decides the folder.
            published.add(publish(TestEvents.handWrittenEvent(project, "2026-03-16T01:30:00.000+02:00")));
            published.add(publish(TestEvents.event(project, "2026-03-16T08:00:00.000Z")));
        }

        Map<String, List<String>> objects = awaitArchived(projects, published.size());

        Map<String, List<String>> expectedFolders = new LinkedHashMap<>();
        for (String line : published) {
            expectedFolders.computeIfAbsent(folderOf(line), folder -> new ArrayList<>()).add(line);
        }
        Map<String, List<String>> actualFolders = new LinkedHashMap<>();
        objects.forEach((key, lines) -> {
            Matcher matcher = KEY.matcher(key);
            assertThat(matcher.matches()).as("object key %s", key).isTrue();
            String folder = PREFIX + "/" + matcher.group(1) + "/" + matcher.group(2) + "/";
            lines.forEach(line -> assertThat(folderOf(line)).as("folder of %s", line).isEqualTo(folder));
            assertThat(key).as("the name derives from the entries").isEqualTo(expectedKey(lines));
            actualFolders.computeIfAbsent(folder, f -> new ArrayList<>()).addAll(lines);
        });
        assertThat(actualFolders).isEqualTo(expectedFolders);
        assertThat(actualFolders.keySet()).contains(
                "task-tracking/acme/rocket/2026-03-14/",
                "task-tracking/acme/rocket/2026-03-15/",
                "task-tracking/acme/rocket/2026-03-16/");
        assertThat(actualFolders.get("task-tracking/acme/rocket/2026-03-15/")).hasSize(3);
    }

    @Test
    void writesABatchAsSoonAsItHoldsMaxEvents() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            published.add(publish(TestEvents.event("count/rocket", "2026-03-15T10:00:00.000Z")));
        }

        Map<String, List<String>> objects = awaitArchived(List.of("count/rocket"), published.size());

        assertThat(objects.values()).containsExactly(
                published.subList(0, 5), published.subList(5, 10), published.subList(10, 12));
    }

    @Test
    void writesABatchBeforeTheNextEventWouldMakeItLargerThanMaxBytes() {
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(publish(TestEvents.largeEvent("size/rocket", "2026-03-15T10:00:00.000Z")));
        }
        int lineBytes = bytes(published.get(0)) + 1;
        assertThat(2 * lineBytes).isLessThanOrEqualTo(MAX_BYTES);
        assertThat(3 * lineBytes).isGreaterThan(MAX_BYTES);

        Map<String, List<String>> objects = awaitArchived(List.of("size/rocket"), published.size());

        assertThat(objects.values()).containsExactly(
                published.subList(0, 2), published.subList(2, 4), published.subList(4, 5));
        objects.keySet().forEach(key -> assertThat(s3.getObject(BUCKET, key).orElseThrow()
                .getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(MAX_BYTES));
    }

    @Test
    void writesABatchOnceItsFirstEventHasWaitedMaxAge() {
        String line = publish(TestEvents.event("age/rocket", "2026-03-15T10:00:00.000Z"));

        await().atLeast(MAX_AGE.minusMillis(300)).atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .until(() -> !s3.listKeys(BUCKET, PREFIX + "/age/rocket/").isEmpty());

        assertThat(ArchiveContents.read(s3, BUCKET, PREFIX + "/age/rocket/").values()).containsExactly(List.of(line));
    }

    @Test
    void deadLettersInvalidEntriesWithTheGroupNameAndArchivesTheRest() {
        String notJson = "{not json";
        String badStatus = TestEvents.event("dead/rocket", "2026-03-15T10:00:00.000Z").replace("in_progress", "done");
        String good = publish(TestEvents.event("dead/rocket", "2026-03-15T10:00:00.000Z"));
        String notJsonId = redis.publish(STREAM, notJson);
        String badStatusId = redis.publish(STREAM, badStatus);
        String noEventFieldId = redis.send("XADD", STREAM, "*", "other", "value").toString();

        awaitArchived(List.of("dead/rocket"), 1);
        await().atMost(PATIENCE).until(() -> redis.deadLetters(STREAM).size() >= 3);

        List<Map<String, String>> deadLetters = redis.deadLetters(STREAM);
        assertThat(deadLetters).extracting(entry -> entry.get("entryId"))
                .contains(notJsonId, badStatusId, noEventFieldId);
        assertThat(deadLetters).filteredOn(entry -> entry.get("entryId").equals(badStatusId)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.get("group")).isEqualTo(GROUP);
                    assertThat(entry.get("event")).isEqualTo(badStatus);
                    assertThat(entry.get("reason")).contains("status");
                });
        assertThat(deadLetters).allSatisfy(entry -> assertThat(entry.get("group")).isEqualTo(GROUP));
        assertThat(ArchiveContents.lines(s3, BUCKET, PREFIX + "/")).contains(good).doesNotContain(notJson, badStatus);
    }

    @Test
    void theArchiveReadsBackIntoExactlyThePublishedEvents() {
        Random random = new Random(42);
        List<String> projects = List.of("read/alpha", "read/beta", "read/gamma", "read/delta");
        List<String> days = List.of("2026-03-14", "2026-03-15", "2026-03-16");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            String project = projects.get(random.nextInt(projects.size()));
            String occurredAt = days.get(random.nextInt(days.size())) + "T" + String.format("%02d:%02d:%02d.%03dZ",
                    random.nextInt(24), random.nextInt(60), random.nextInt(60), random.nextInt(1000));
            published.add(publish(random.nextInt(10) == 0
                    ? TestEvents.largeEvent(project, occurredAt)
                    : TestEvents.event(project, occurredAt)));
        }

        awaitArchived(projects, published.size());

        List<String> lines = new ArrayList<>();
        for (String project : projects) {
            lines.addAll(ArchiveContents.lines(s3, BUCKET, PREFIX + "/" + project + "/"));
        }
        assertThat(lines).containsExactlyInAnyOrderElementsOf(published);
        assertThat(lines.stream().map(line -> TaskEventCodec.decode(line).orElseThrow().eventId()))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(published.stream()
                        .map(line -> TaskEventCodec.decode(line).orElseThrow().eventId()).toList());
    }

    @Test
    void reportsWhatItArchivesInTheMetrics() {
        double archivedBefore = PrometheusMetrics.sum("tasktrail_archiver_events_archived_total");
        double createdBefore = PrometheusMetrics.sum("tasktrail_archiver_objects_written_total",
                Map.of("outcome", "created"));
        double bytesBefore = PrometheusMetrics.sum("tasktrail_archiver_written_bytes_total");
        double flushesBefore = PrometheusMetrics.sum("tasktrail_archiver_flush_duration_seconds_count");
        double readBefore = PrometheusMetrics.sum("tasktrail_stream_consumer_entries_read_total");
        double retriesBefore = PrometheusMetrics.sum("tasktrail_archiver_retries_total");

        // One project and day, as many events as make a batch: exactly one object.
        for (int i = 0; i < MAX_EVENTS; i++) {
            publish(TestEvents.event("metrics/rocket", "2026-03-15T10:00:0" + i + ".000Z"));
        }
        List<String> lines = awaitArchived(List.of("metrics/rocket"), MAX_EVENTS).values().stream()
                .flatMap(List::stream).toList();
        long objectBytes = lines.stream().mapToLong(line -> line.getBytes(StandardCharsets.UTF_8).length + 1).sum();

        // Counted once the seal is forgotten, a step after the acknowledgement awaitArchived saw.
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(
                PrometheusMetrics.sum("tasktrail_archiver_events_archived_total") - archivedBefore)
                .isEqualTo(MAX_EVENTS));
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_objects_written_total", Map.of("outcome", "created"))
                - createdBefore).isEqualTo(1);
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_written_bytes_total") - bytesBefore)
                .isEqualTo(objectBytes);
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_flush_duration_seconds_count") - flushesBefore)
                .isEqualTo(1);
        assertThat(PrometheusMetrics.sum("tasktrail_stream_consumer_entries_read_total") - readBefore)
                .isEqualTo(MAX_EVENTS);
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_retries_total")).isEqualTo(retriesBefore);
        // Acknowledged entries leave the buffer.
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_buffer_events")).isZero();
        assertThat(PrometheusMetrics.sum("tasktrail_archiver_buffer_fill")).isZero();
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("S3 archive"))
                .body(containsString("Archiver consumer loop"));
    }

    private String publish(String json) {
        idOfLine.put(json.replace('\n', ' '), redis.publish(STREAM, json));
        return json.replace('\n', ' ');
    }

    /**
     * Waits until the group has read and acknowledged everything published, which it does only once the objects
     * holding the entries are stored; then reads the projects' objects, which must hold {@code lines} lines.
     */
    private Map<String, List<String>> awaitArchived(List<String> projects, int lines) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            Map<String, String> group = redis.groups(STREAM).get(GROUP);
            return group != null && "0".equals(group.get("pending")) && "0".equals(group.get("lag"));
        });
        Map<String, List<String>> objects = objectsOf(projects);
        assertThat(objects.values().stream().mapToInt(List::size).sum()).isEqualTo(lines);
        return objects;
    }

    private Map<String, List<String>> objectsOf(List<String> projects) {
        Map<String, List<String>> objects = new LinkedHashMap<>();
        projects.forEach(project -> objects.putAll(ArchiveContents.read(s3, BUCKET, PREFIX + "/" + project + "/")));
        return objects;
    }

    private String expectedKey(List<String> lines) {
        TaskEvent first = decode(lines.get(0));
        List<StreamEntryId> ids = lines.stream().map(line -> StreamEntryId.parse(idOfLine.get(line))).toList();
        return new ArchiveLayout(PREFIX).objectKey(ArchivePartition.of(first), ids);
    }

    private static String folderOf(String line) {
        return new ArchiveLayout(PREFIX).folder(ArchivePartition.of(decode(line)));
    }

    private static TaskEvent decode(String line) {
        DecodeResult decoded = TaskEventCodec.decode(line);
        assertThat(decoded.violations()).as("violations of %s", line).isEmpty();
        return decoded.orElseThrow();
    }

    private static int bytes(String line) {
        return line.getBytes(StandardCharsets.UTF_8).length;
    }
}
