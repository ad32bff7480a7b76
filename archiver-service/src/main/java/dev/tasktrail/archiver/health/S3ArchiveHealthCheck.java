package dev.tasktrail.archiver.health;

import dev.tasktrail.archiver.archive.ArchiveWriter;
import dev.tasktrail.archiver.config.ArchiverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Ready only while S3 answers for the archive bucket ({@code HeadBucket}), when archival is enabled: an archiver
 * that cannot write holds what it read and stops reading. Always up when archival is off (S3 is not used then).
 * Quarkus runs this blocking check on a worker thread.
 */
@Readiness
@ApplicationScoped
class S3ArchiveHealthCheck implements HealthCheck {

    static final String NAME = "S3 archive";

    private final boolean enabled;
    private final Instance<ArchiveWriter> writer;

    S3ArchiveHealthCheck(ArchiverConfig config, Instance<ArchiveWriter> writer) {
        this.enabled = config.tracking().s3().archiveEnabled();
        this.writer = writer;
    }

    @Override
    public HealthCheckResponse call() {
        if (!enabled) {
            return HealthCheckResponse.named(NAME).up().withData("archival", "disabled").build();
        }
        ArchiveWriter archive = writer.get();
        try {
            archive.checkBucket();
            return HealthCheckResponse.named(NAME).up().withData("bucket", archive.bucket()).build();
        } catch (SdkException e) {
            return HealthCheckResponse.named(NAME).down()
                    .withData("bucket", archive.bucket())
                    .withData("error", String.valueOf(e.getMessage()))
                    .build();
        }
    }
}
