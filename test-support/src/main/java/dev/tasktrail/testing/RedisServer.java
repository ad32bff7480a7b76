package dev.tasktrail.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real Redis for one test class, chosen in this order:
 * <ol>
 *   <li>{@code TASK_TRACKING_REDIS_URL} when set: an existing server (shared; cannot be stopped);</li>
 *   <li>a {@code redis-server} process on a free loopback port when the binary is on the {@code PATH};</li>
 *   <li>a Testcontainers {@code redis} container when a Docker engine answers;</li>
 *   <li>otherwise a failure that says how to install Redis.</li>
 * </ol>
 * An owned server can be {@linkplain #stop() stopped} and {@linkplain #restart() restarted} on the same port
 * with its data kept, to test outages.
 */
public final class RedisServer implements AutoCloseable {

    static final String URL_VARIABLE = "TASK_TRACKING_REDIS_URL";
    private static final String HOST = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final String host;
    private final int port;
    private final Backend backend;

    private RedisServer(String host, int port, Backend backend) {
        this.host = host;
        this.port = port;
        this.backend = backend;
    }

    /** Starts (or attaches to) a Redis as described in the class comment and waits until it answers PING. */
    public static RedisServer start() {
        String externalUrl = System.getenv(URL_VARIABLE);
        if (externalUrl != null && !externalUrl.isBlank()) {
            URI uri = URI.create(externalUrl);
            return new RedisServer(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 6379, Backend.EXTERNAL);
        }
        int port = freePort();
        Backend backend;
        if (LocalProcessBackend.isAvailable()) {
            backend = new LocalProcessBackend(port);
        } else if (ContainerBackend.isAvailable()) {
            backend = new ContainerBackend(port);
        } else {
            throw new IllegalStateException("Tests need a Redis server and none is available: install one "
                    + "(Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis), "
                    + "start Docker for Testcontainers, or set " + URL_VARIABLE + "=redis://host:port.");
        }
        RedisServer server = new RedisServer(HOST, port, backend);
        server.startBackend();
        return server;
    }

    public String url() {
        return "redis://" + host + ":" + port;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** False for a server this harness did not start ({@code TASK_TRACKING_REDIS_URL}). */
    public boolean canRestart() {
        return backend != Backend.EXTERNAL;
    }

    /** Shuts the server down, saving its data: clients see refused connections until {@link #restart()}. */
    public void stop() {
        requireOwned();
        send("SHUTDOWN SAVE");
        backend.awaitStopped();
    }

    /** Starts the server again on the same port with the data it had when stopped. */
    public void restart() {
        requireOwned();
        startBackend();
    }

    /** Sends one inline command and returns the first line of the reply (e.g. {@code +PONG}). */
    public String send(String inlineCommand) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write((inlineCommand + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return readLine(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("Redis at " + url() + " did not answer " + inlineCommand, e);
        }
    }

    @Override
    public void close() {
        backend.destroy();
    }

    private void startBackend() {
        backend.launch();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try {
                if ("+PONG".equals(send("PING"))) {
                    return;
                }
            } catch (UncheckedIOException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline)) {
                backend.destroy();
                throw new IllegalStateException("Redis did not answer on port " + port + " within " + START_TIMEOUT
                        + backend.diagnostics());
            }
            backend.checkAlive();
            pause();
        }
    }

    private void requireOwned() {
        if (!canRestart()) {
            throw new UnsupportedOperationException("the Redis at " + URL_VARIABLE + " is not ours to stop");
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Redis", e);
        }
    }

    /** How the server process is run. */
    private interface Backend {
        Backend EXTERNAL = new Backend() {
        };

        default void launch() {
        }

        default void awaitStopped() {
        }

        default void checkAlive() {
        }

        default void destroy() {
        }

        default String diagnostics() {
            return "";
        }
    }

    /** {@code redis-server} as a child process, its RDB file in a temporary folder so a restart keeps data. */
    private static final class LocalProcessBackend implements Backend {
        private final int port;
        private final Path dataDir;
        private final Path log;
        private Process process;

        LocalProcessBackend(int port) {
            this.port = port;
            try {
                this.dataDir = Files.createTempDirectory("tasktrail-redis-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.log = dataDir.resolve("redis.log");
        }

        static boolean isAvailable() {
            String path = System.getenv().getOrDefault("PATH", "");
            return Stream.of(path.split(java.io.File.pathSeparator))
                    .anyMatch(dir -> Files.isExecutable(Path.of(dir, "redis-server")));
        }

        @Override
        public void launch() {
            List<String> command = List.of("redis-server", "--port", Integer.toString(port), "--bind", HOST,
                    "--save", "", "--appendonly", "no", "--dir", dataDir.toString(), "--dbfilename", "dump.rdb");
            try {
                process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot run redis-server", e);
            }
        }

        @Override
        public void awaitStopped() {
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void checkAlive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited with " + process.exitValue() + diagnostics());
            }
        }

        @Override
        public void destroy() {
            if (process != null && process.isAlive()) {
                process.destroy();
                awaitStopped();
            }
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temp folder is harmless
            }
        }

        @Override
        public String diagnostics() {
            try {
                return "; redis-server log:\n" + Files.readString(log);
            } catch (IOException e) {
                return "";
            }
        }
    }

    /** A {@code redis:7} container bound to a fixed host port, so a restarted container keeps the port. */
    private static final class ContainerBackend implements Backend {
        private final org.testcontainers.containers.GenericContainer<?> container;
        private boolean created;

        @SuppressWarnings("resource")
        ContainerBackend(int port) {
            container = new org.testcontainers.containers.GenericContainer<>("redis:7-alpine")
                    .withCommand("redis-server", "--save", "", "--appendonly", "no")
                    .withExposedPorts(6379)
                    .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withPortBindings(
                            new com.github.dockerjava.api.model.PortBinding(
                                    com.github.dockerjava.api.model.Ports.Binding.bindIpAndPort(HOST, port),
                                    com.github.dockerjava.api.model.ExposedPort.tcp(6379))));
        }

        static boolean isAvailable() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }

        @Override
        public void launch() {
            if (!created) {
                container.start();
                created = true;
            } else {
                container.getDockerClient().startContainerCmd(container.getContainerId()).exec();
            }
        }

        @Override
        public void awaitStopped() {
            container.getDockerClient().waitContainerCmd(container.getContainerId())
                    .exec(new com.github.dockerjava.api.command.WaitContainerResultCallback())
                    .awaitStatusCode(10, TimeUnit.SECONDS);
        }

        @Override
        public void destroy() {
            container.stop();
        }
    }
}
