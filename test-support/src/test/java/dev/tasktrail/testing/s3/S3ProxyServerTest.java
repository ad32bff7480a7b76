package dev.tasktrail.testing.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class S3ProxyServerTest {

    private static S3ProxyServer s3;

    @BeforeAll
    static void start() {
        s3 = S3ProxyServer.start();
        s3.createBucket("bucket");
    }

    @AfterAll
    static void close() {
        s3.close();
    }

    @Test
    void storesAndListsObjectsOverTheS3Protocol() {
        s3.putObject("bucket", "a/one.json", "{\"n\":1}");
        s3.putObject("bucket", "a/two.json", "{\"n\":2}");
        s3.putObject("bucket", "b/three.json", "{}");

        assertThat(s3.getObject("bucket", "a/one.json")).contains("{\"n\":1}");
        assertThat(s3.getObject("bucket", "a/missing.json")).isEmpty();
        assertThat(s3.listKeys("bucket", "a/")).containsExactly("a/one.json", "a/two.json");

        s3.deleteObject("bucket", "a/one.json");
        assertThat(s3.listKeys("bucket", "a/")).containsExactly("a/two.json");
    }

    @Test
    void keepsObjectsAcrossAnOutage() {
        s3.putObject("bucket", "kept.txt", "still here");
        s3.stop();
        try {
            assertThatThrownBy(() -> s3.getObject("bucket", "kept.txt")).isInstanceOf(SdkClientException.class);
        } finally {
            s3.restart();
        }
        assertThat(s3.getObject("bucket", "kept.txt")).contains("still here");
    }

    @Test
    void givesQuarkusTheEndpointAndCredentials() {
        assertThat(s3.quarkusConfig())
                .containsEntry("quarkus.s3.endpoint-override", s3.endpoint().toString())
                .containsEntry("quarkus.s3.path-style-access", "true")
                .containsEntry("quarkus.s3.aws.credentials.static-provider.access-key-id", S3ProxyServer.ACCESS_KEY_ID);
    }
}
