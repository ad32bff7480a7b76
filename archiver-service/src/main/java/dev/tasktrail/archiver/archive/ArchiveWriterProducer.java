package dev.tasktrail.archiver.archive;

import dev.tasktrail.archiver.config.ArchiverConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The archive's S3 writer, configured by the standard {@code quarkus.s3.*} settings. Only created when something
 * asks for it, which happens only with archival enabled: a disabled archiver never builds an S3 client.
 */
@ApplicationScoped
class ArchiveWriterProducer {

    @Produces
    @Singleton
    ArchiveWriter archiveWriter(ArchiverConfig config, S3Client s3) {
        String bucket = config.tracking().s3().bucket()
                .orElseThrow(() -> new IllegalStateException("TASK_TRACKING_S3_BUCKET is not set"));
        return new ArchiveWriter(s3, bucket);
    }
}
