package dev.tasktrail.testing.s3;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 protocol server in the test JVM (S3Proxy over an in-memory store), no Docker needed. It checks
 * AWS signatures with {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY}, starts in about a second, and can be
 * {@linkplain #stop() stopped} and {@linkplain #restart() restarted} on the same port with its objects kept,
 * to test outages.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String REGION = "us-east-1";
    public static final String ACCESS_KEY_ID = "tasktrail-test";
    public static final String SECRET_ACCESS_KEY = "tasktrail-test-secret";
    private static final String HOST = "127.0.0.1";

    private final BlobStore store = new TransientNio2BlobStore();
    private final S3Client client;
    private S3Proxy proxy;
    private int port;

    private S3ProxyServer() {
        launch(URI.create("http://" + HOST + ":0"));
        port = proxy.getPort();
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Starts a server on a free loopback port. */
    public static S3ProxyServer start() {
        return new S3ProxyServer();
    }

    public URI endpoint() {
        return URI.create("http://" + HOST + ":" + port);
    }

    /**
     * The {@code quarkus.s3.*} settings that point a service's S3 client at this server (the service also needs
     * the build-time {@code quarkus.s3.sync-client.type=url} and {@code quarkus.s3.devservices.enabled=false}).
     */
    public Map<String, String> quarkusConfig() {
        return Map.of(
                "quarkus.s3.endpoint-override", endpoint().toString(),
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", REGION,
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY_ID,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_ACCESS_KEY);
    }

    /** An AWS SDK client for this server, for tests to read or write objects through the S3 protocol. */
    public S3Client client() {
        return client;
    }

    public void createBucket(String bucket) {
        client.createBucket(request -> request.bucket(bucket));
    }

    public void putObject(String bucket, String key, String content) {
        client.putObject(request -> request.bucket(bucket).key(key), RequestBody.fromString(content, StandardCharsets.UTF_8));
    }

    /** The object's content as UTF-8 text; empty when there is no such object. */
    public Optional<String> getObject(String bucket, String key) {
        try {
            return Optional.of(client.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asUtf8String());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    public void deleteObject(String bucket, String key) {
        client.deleteObject(request -> request.bucket(bucket).key(key));
    }

    /** Keys of the bucket's objects that start with {@code prefix}, in key order. */
    public List<String> listKeys(String bucket, String prefix) {
        return client.listObjectsV2Paginator(request -> request.bucket(bucket).prefix(prefix)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    /** Stops answering (connections are refused) until {@link #restart()}; objects are kept. */
    public void stop() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        }
    }

    /** Starts again on the same port with the same objects. */
    public void restart() {
        launch(endpoint());
    }

    @Override
    public void close() {
        client.close();
        stop();
        store.close();
    }

    private void launch(URI endpoint) {
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(endpoint)
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY_ID, SECRET_ACCESS_KEY)
                .ignoreUnknownHeaders(true)
                .stopTimeout(0)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start on " + endpoint, e);
        }
    }
}
