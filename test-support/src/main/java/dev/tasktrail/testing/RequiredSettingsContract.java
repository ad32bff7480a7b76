package dev.tasktrail.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs a service's packaged application without a required variable and expects it to stop with a message
 * naming that variable. Extended by each service's {@code *IT} (failsafe runs after packaging): the fast-jar,
 * or the native executable when the {@code native} profile sets {@code native.image.path}.
 */
public abstract class RequiredSettingsContract {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    /** Variables the service needs besides {@code TASK_TRACKING_REDIS_URL}, with usable values. */
    protected Map<String, String> otherRequiredVariables() {
        return Map.of();
    }

    @Test
    void refusesToStartWithoutTheRedisUrl() throws Exception {
        assertExitsNamingTheVariable(otherRequiredVariables(), "TASK_TRACKING_REDIS_URL");
    }

    /** Starts the jar with exactly {@code environment} (plus PATH/HOME) and expects a non-zero exit naming it. */
    protected static void assertExitsNamingTheVariable(Map<String, String> environment, String variable)
            throws IOException, InterruptedException {
        Path output = Files.createTempFile("service-start-", ".log");
        ProcessBuilder builder = new ProcessBuilder(applicationCommand())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("TASK_") || name.startsWith("QUARKUS_"));
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        Process process = builder.start();
        try {
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("service exits").isTrue();
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit status, log:%n%s", log).isNotZero();
            assertThat(log).contains(variable).doesNotContain("Exception in thread");
        } finally {
            process.destroyForcibly();
            Files.deleteIfExists(output);
        }
    }

    private static List<String> applicationCommand() {
        String nativeExecutable = System.getProperty("native.image.path");
        if (nativeExecutable != null) {
            return List.of(nativeExecutable);
        }
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString());
    }
}
