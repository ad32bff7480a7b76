package dev.tasktrail.archiver.archive;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Writes archive objects, never over an existing one: every put is conditional ({@code If-None-Match: *}), so S3
 * answers 412 when the key exists, which, names being derived from the entries (see {@link ArchiveLayout}), means
 * a previous attempt stored this very batch. Blocking: call it on a worker thread.
 */
public final class ArchiveWriter {

    /** How a write ended when it did not throw. */
    public enum Outcome {
        /** This put created the object. */
        CREATED,
        /** The object existed already: an earlier attempt (maybe of a crashed replica) stored it. */
        ALREADY_STORED
    }

    static final String CONTENT_TYPE = "application/x-ndjson";
    private static final int PRECONDITION_FAILED = 412;
    /** A readiness probe must answer quickly; an S3 that takes longer than this is not healthy. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final S3Client s3;
    private final String bucket;

    public ArchiveWriter(S3Client s3, String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    public String bucket() {
        return bucket;
    }

    /**
     * @throws SdkException when S3 could not be reached or refused the write for another reason than an
     *     existing object; the caller retries (the object either does not exist or is this batch)
     */
    public Outcome write(String key, ArchiveBatch batch) {
        byte[] body = batch.body();
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .ifNoneMatch("*")
                .contentType(CONTENT_TYPE)
                .contentLength((long) body.length)
                // For audits and tools: which stream entries the object holds, without reading it.
                .metadata(Map.of(
                        "first-entry-id", batch.ids().get(0).toString(),
                        "last-entry-id", batch.ids().get(batch.size() - 1).toString(),
                        "entry-count", Integer.toString(batch.size())))
                .build();
        try {
            s3.putObject(request, RequestBody.fromBytes(body));
            return Outcome.CREATED;
        } catch (S3Exception e) {
            if (e.statusCode() == PRECONDITION_FAILED) {
                return Outcome.ALREADY_STORED;
            }
            throw e;
        }
    }

    /**
     * Asks S3 whether the bucket exists and is reachable with our credentials ({@code HeadBucket}).
     *
     * @throws SdkException when it is not
     */
    public void checkBucket() {
        s3.headBucket(request -> request.bucket(bucket)
                .overrideConfiguration(call -> call.apiCallTimeout(CHECK_TIMEOUT)));
    }
}
