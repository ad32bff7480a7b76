package dev.tasktrail.archiver.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tasktrail.model.StreamEntryId;
import dev.tasktrail.testing.s3.S3ProxyServer;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** The conditional put against a real S3 protocol server. */
class ArchiveWriterTest {

    private static final String BUCKET = "writer-test";
    private static final ArchivePartition ROCKET = new ArchivePartition("acme/rocket", LocalDate.of(2026, 3, 15));

    private static S3ProxyServer s3;
    private static ArchiveWriter writer;

    @BeforeAll
    static void startS3() {
        s3 = S3ProxyServer.start();
        s3.createBucket(BUCKET);
        writer = new ArchiveWriter(s3.client(), BUCKET);
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void writesTheLinesOnceAndAnswersAlreadyStoredAfterwards() {
        ArchiveBatch batch = batch(1, "{\"n\":1}", "{\"n\":2,\"text\":\"caf\u00e9\"}");

        assertThat(writer.write("a/first.jsonl", batch)).isEqualTo(ArchiveWriter.Outcome.CREATED);
        assertThat(writer.write("a/first.jsonl", batch)).isEqualTo(ArchiveWriter.Outcome.ALREADY_STORED);

        assertThat(s3.getObject(BUCKET, "a/first.jsonl"))
                .contains("{\"n\":1}\n{\"n\":2,\"text\":\"caf\u00e9\"}\n");
    }

    @Test
    void neverReplacesAnExistingObject() {
        writer.write("a/second.jsonl", batch(10, "{\"original\":true}"));

        assertThat(writer.write("a/second.jsonl", batch(10, "{\"other\":true}")))
                .isEqualTo(ArchiveWriter.Outcome.ALREADY_STORED);
        assertThat(s3.getObject(BUCKET, "a/second.jsonl")).contains("{\"original\":true}\n");
    }

    @Test
    void recordsWhichEntriesTheObjectHolds() {
        writer.write("a/third.jsonl", batch(20, "{}", "{}", "{}"));

        HeadObjectResponse head = s3.client().headObject(request -> request.bucket(BUCKET).key("a/third.jsonl"));
        assertThat(head.contentType()).isEqualTo("application/x-ndjson");
        assertThat(head.metadata()).containsEntry("first-entry-id", "1700000000020-0")
                .containsEntry("last-entry-id", "1700000000022-0")
                .containsEntry("entry-count", "3");
    }

    @Test
    void failsWhileS3IsDownAndWorksOnceItIsBack() {
        ArchiveBatch batch = batch(30, "{\"n\":30}");
        s3.stop();
        try {
            assertThatThrownBy(() -> writer.write("a/outage.jsonl", batch)).isInstanceOf(SdkException.class);
            assertThatThrownBy(writer::checkBucket).isInstanceOf(SdkException.class);
        } finally {
            s3.restart();
        }
        assertThat(writer.write("a/outage.jsonl", batch)).isEqualTo(ArchiveWriter.Outcome.CREATED);
        writer.checkBucket();
    }

    @Test
    void aMissingBucketFailsTheCheck() {
        ArchiveWriter elsewhere = new ArchiveWriter(s3.client(), "no-such-bucket");

        assertThatThrownBy(elsewhere::checkBucket).isInstanceOf(SdkException.class);
    }

    private static ArchiveBatch batch(int firstId, String... lines) {
        List<ArchiveEntry> entries = new java.util.ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            entries.add(ArchiveEntry.of(new StreamEntryId(1_700_000_000_000L + firstId + i, 0), lines[i], ROCKET));
        }
        return new ArchiveBatch(ROCKET, entries);
    }
}
