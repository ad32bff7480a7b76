package dev.tasktrail.service.projects;

import java.io.IOException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The config as one S3 object, read with the service's {@code quarkus.s3.*} client. The AWS SDK is an optional
 * dependency of service-common: a service that reads from S3 has it through {@code quarkus-amazon-s3}.
 */
public final class S3ProjectsConfigSource implements ProjectsConfigSource {

    private final S3Client s3;
    private final String bucket;
    private final String key;

    public S3ProjectsConfigSource(S3Client s3, String bucket, String key) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
    }

    @Override
    public String description() {
        return "s3://" + bucket + "/" + key;
    }

    /**
     * @throws IOException when S3 answers with an error; its message leaves out the request id, so the same
     *     problem reads the same on every reload (and is logged once)
     */
    @Override
    public String read() throws IOException {
        try {
            return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String();
        } catch (AwsServiceException e) {
            throw new IOException("S3 answered " + e.statusCode() + " " + e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage(), e);
        }
    }
}
