package dev.tasktrail.bench.support;

import dev.tasktrail.testing.RedisServer;
import dev.tasktrail.testing.auth.TokenMinter;
import dev.tasktrail.testing.s3.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What one benchmark run runs on: its own {@code redis-server} on a free port (test-support's {@link RedisServer}),
 * when asked an in-process S3Proxy with the archive bucket, and service fast-jars configured as
 * {@code docs/operations.md} describes, the dashboard in local-auth mode (SPEC §9) with a key pair of the run.
 * Closing stops the services (SIGTERM, they drain), then S3 and Redis.
 */
public final class Stack implements AutoCloseable {

    public static final String STREAM = "task-events:v1";
    public static final String PROJECTOR_GROUP = "task-status-projector";
    public static final String ARCHIVER_GROUP = "task-history-archiver";
    public static final String BUCKET = "tasktrail-archive";
    /** Projects named in the projects config, so the publisher enriches events of {@link Workload#project}. */
    public static final int PROJECTS = 10;

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final String ISSUER = "https://tasktrail.local";
    private static final String CLIENT_ID = "tasktrail-bench";

    private final Path root;
    private final Path dir;
    private final String apiKey = UUID.randomUUID().toString();
    private final TokenMinter tokens = TokenMinter.generate();
    private final Map<ServiceKind, Integer> instances = new EnumMap<>(ServiceKind.class);
    private final List<ServiceProcess> services = new ArrayList<>();
    private final List<BenchRedis> clients = new ArrayList<>();
    private RedisServer redis;
    private S3ProxyServer s3;

    Stack(Path root, Path dir) {
        this.root = root;
        this.dir = dir;
    }

    public RedisServer redis() {
        if (redis == null) {
            redis = RedisServer.start();
        }
        return redis;
    }

    /** A new connection to the run's Redis, closed with the stack. */
    public BenchRedis redisClient() {
        BenchRedis client = BenchRedis.connect(redis().url());
        clients.add(client);
        return client;
    }

    /** The in-process S3Proxy, with the archive bucket. */
    public S3ProxyServer s3() {
        if (s3 == null) {
            s3 = S3ProxyServer.start();
            s3.createBucket(BUCKET);
        }
        return s3;
    }

    /** The key the publisher accepts ({@code Authorization: Bearer}). */
    public String apiKey() {
        return apiKey;
    }

    /** A signed viewer token the dashboard accepts, valid for an hour. */
    public String viewerToken() {
        return tokens.mint(TokenMinter.googleIdTokenClaims(ISSUER, CLIENT_ID, "bench-viewer", "viewer@example.com",
                true, Duration.ofHours(1)));
    }

    /** Starts the services (each with the settings it needs) at once, then waits until every one is ready. */
    public List<ServiceProcess> startReady(ServiceKind... kinds) throws InterruptedException {
        List<ServiceProcess> started = new ArrayList<>();
        for (ServiceKind kind : kinds) {
            started.add(launch(kind, Map.of()));
        }
        for (ServiceProcess service : started) {
            service.awaitReady(READY_TIMEOUT);
        }
        return started;
    }

    /**
     * Starts one instance of a service without waiting for it; {@code overrides} add to or replace its settings
     * (e.g. a smaller archiver buffer).
     */
    public ServiceProcess launch(ServiceKind kind, Map<String, String> overrides) {
        int instance = instances.merge(kind, 1, Integer::sum);
        String name = kind.module() + "-" + instance;
        int port = freePort();
        Map<String, String> env = new HashMap<>();
        env.put("TASK_TRACKING_REDIS_URL", redis().url());
        env.put("TASK_TRACKING_REDIS_CONSUMER_NAME", "bench-" + name);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        switch (kind) {
            case PUBLISHER -> {
                env.put("TASK_PUBLISHER_API_KEYS", apiKey);
                env.put("TASK_PROJECTS_CONFIG_FILE", projectsConfig().toString());
            }
            case ARCHIVER -> {
                s3().quarkusConfig().forEach((property, value) -> env.put(environmentName(property), value));
                env.put("TASK_TRACKING_S3_ARCHIVE_ENABLED", "true");
                env.put("TASK_TRACKING_S3_BUCKET", BUCKET);
            }
            case DASHBOARD -> {
                env.put("TASK_DASHBOARD_GOOGLE_CLIENT_IDS", CLIENT_ID);
                env.put("QUARKUS_OIDC_PUBLIC_KEY", tokens.publicKeyBase64());
                env.put("QUARKUS_OIDC_TOKEN_ISSUER", ISSUER);
                env.put("TASK_PROJECTS_CONFIG_FILE", projectsConfig().toString());
            }
            case PROJECTOR -> {
            }
        }
        env.putAll(overrides);
        ServiceProcess service = ServiceProcess.launch(root, kind, name, port, env, dir);
        services.add(service);
        return service;
    }

    /**
     * Starts a server of the harness (a baseline) in a JVM of its own without waiting for it: {@code mainClass} gets
     * a free port as its first argument, then {@code args}, and must answer {@code /q/health/ready} there.
     */
    public ServiceProcess launchMain(String name, Class<?> mainClass, Map<String, String> env, String... args) {
        ServiceProcess server = ServiceProcess.launchMain(mainClass, List.of(args), name, freePort(), env, dir);
        services.add(server);
        return server;
    }

    /** Stops one service now (SIGTERM, then SIGKILL after 20 s). */
    public void stop(ServiceProcess service) {
        service.close();
        services.remove(service);
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        clients.forEach(BenchRedis::close);
        clients.clear();
        if (s3 != null) {
            s3.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private Path projectsConfig() {
        Path file = dir.resolve("projects.json");
        if (!Files.exists(file)) {
            String projects = IntStream.range(0, PROJECTS).mapToObj(i -> String.format(Locale.ROOT,
                    "{\"project\":\"bench-%d\",\"displayName\":\"Bench %d\",\"responsibleUsers\":[\"google:lead-%d@example.com\"],"
                            + "\"applications\":[{\"app\":\"bench-app-%d\",\"repo\":\"%s\"}]}",
                    i, i, i, i, Workload.project(i)))
                    .collect(Collectors.joining(",\n  "));
            try {
                Files.writeString(file, "{\"projects\": [\n  " + projects + "\n]}\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    /** {@code quarkus.s3.aws.region} → {@code QUARKUS_S3_AWS_REGION}, the environment form of a property. */
    private static String environmentName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
