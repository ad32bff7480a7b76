package dev.tasktrail.testing.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The service module a test runs in (Maven runs tests with the module as working directory) and the repository
 * around it: where its build output, its deployment files and the shared docs are.
 *
 * @param name the module's directory name, which is also its artifact, image, compose and Kubernetes name
 * @param dir the module directory
 * @param root the repository root (the directory holding {@code mvnw})
 */
public record ServiceModule(String name, Path dir, Path root) {

    /** The module of the running test. */
    public static ServiceModule current() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir.getParent(); candidate != null; candidate = candidate.getParent()) {
            if (Files.isRegularFile(candidate.resolve("mvnw")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return new ServiceModule(dir.getFileName().toString(), dir, candidate);
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above " + dir);
    }

    /** {@code target/classes}: what the build packages. */
    public Path classes() {
        return dir.resolve("target").resolve("classes");
    }

    /** The committed manifest of this service. */
    public Path committedManifest() {
        return root.resolve("deploy").resolve("k8s").resolve(name + ".yml");
    }

    /** The manifest quarkus-kubernetes wrote when the module was packaged. */
    public Path generatedManifest() {
        return dir.resolve("target").resolve("kubernetes").resolve("kubernetes.yml");
    }

    /** The service's {@code application.properties} as built. */
    public Properties applicationProperties() {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(classes().resolve("application.properties"))) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** A build-time property as the prod build sees it: {@code %prod.} value first, then the plain one. */
    public Optional<String> prodProperty(String name) {
        Properties properties = applicationProperties();
        return Optional.ofNullable(properties.getProperty("%prod." + name, properties.getProperty(name)));
    }

    /** The HTTP port the service listens on outside tests. */
    public int httpPort() {
        return Integer.parseInt(prodProperty("quarkus.http.port")
                .orElseThrow(() -> new IllegalStateException(name + " sets no quarkus.http.port")));
    }
}
