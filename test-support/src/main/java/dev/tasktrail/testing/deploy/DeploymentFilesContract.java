package dev.tasktrail.testing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The files that build, ship and run the service agree with it. No Docker engine runs here, so what can be
 * checked without one is: {@code deploy/docker-compose.yml} and {@code .github/workflows/build.yml} parse and
 * name this module, its Dockerfiles and its port; every variable they and the committed Kubernetes manifest set
 * is one the service reads ({@link ConfigMappingWalker}) or a {@code QUARKUS_*} setting; the Deployment has the
 * probes, resources, grace period and consumer name docs/deploy.md promises. The grace period is compared with the
 * shutdown settings as the manifest sets them, so raising one there without the grace period fails.
 */
public abstract class DeploymentFilesContract {

    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)\\s*$");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
    /** A step's {@code echo "NAME=...-Dtasktrail.chromium=..." >> "$GITHUB_ENV"}: the variable it sets. */
    private static final Pattern BROWSER_VARIABLE = Pattern.compile("(\\w+)=[^\\n]*-Dtasktrail\\.chromium=");

    protected final ServiceModule module = ServiceModule.current();

    /** The service's {@code @ConfigMapping} interface. */
    protected abstract Class<?> configMapping();

    /** Whether replicas share a consumer group (then each needs a distinct, stable consumer name). */
    protected abstract boolean consumesInAGroup();

    /** Whether an autoscaler manages the replicas; otherwise the Deployment's fixed count is the sizing. */
    protected abstract boolean autoscaled();

    /**
     * The settings (environment variables) whose sum is the longest a replica may need to stop cleanly (drain work in
     * flight); with {@link #shutdownMargin()}, the Deployment's grace period must exceed it. Each is read as the
     * committed manifest sets it (the container's {@code env}, else its ConfigMap), else as the service uses it unset
     * (its {@code application.properties}, else its {@code @ConfigMapping} default).
     */
    protected abstract List<String> shutdownSettings();

    /** Time a stop needs beyond {@link #shutdownSettings()} (e.g. what the docs ask to add); none by default. */
    protected Duration shutdownMargin() {
        return Duration.ZERO;
    }

    /**
     * Whether the module's tests drive a browser ({@code -Dtasktrail.chromium}, {@code -Dtasktrail.chromedriver}):
     * then the workflow's test jobs must point them at one and keep their screenshots.
     */
    protected boolean testsDriveABrowser() {
        return false;
    }

    /** Variables the Deployment gets from Secrets (not visible in the manifest): must be documented. */
    protected Set<String> variablesFromSecrets() {
        return Set.of("TASK_TRACKING_REDIS_URL");
    }

    @Test
    void composeBuildsAndRunsTheServiceWithSettingsItReads() {
        JsonNode compose = Yaml.read(module.root().resolve("deploy").resolve("docker-compose.yml"));
        JsonNode service = compose.path("services").path(module.name());
        assertThat(service.isObject()).as("service %s in deploy/docker-compose.yml", module.name()).isTrue();

        Path context = module.root().resolve("deploy").resolve(service.path("build").path("context").asText())
                .normalize();
        assertThat(context).as("build context").isEqualTo(module.dir());
        assertThat(context.resolve(service.path("build").path("dockerfile").asText())).isRegularFile();
        assertThat(service.path("ports").toString()).contains(module.httpPort() + ":" + module.httpPort());

        Set<String> environment = fieldNames(service.path("environment"));
        assertThat(unknownVariables(environment)).as("compose variables %s does not read", module.name()).isEmpty();
        assertThat(environment).as("required variables").containsAll(requiredVariables());
        for (String dependency : fieldNames(service.path("depends_on"))) {
            assertThat(compose.path("services").has(dependency)).as("depends_on %s", dependency).isTrue();
        }
    }

    @Test
    void dockerfilesPackageTheBuildAndExposeTheServicePort() throws IOException {
        for (String kind : List.of("jvm", "native")) {
            Path dockerfile = module.dir().resolve("src/main/docker/Dockerfile." + kind);
            String text = Files.readString(dockerfile);
            Matcher expose = EXPOSE.matcher(text);
            assertThat(expose.find()).as("EXPOSE in %s", dockerfile).isTrue();
            assertThat(Integer.parseInt(expose.group(1))).as("EXPOSE in %s", dockerfile).isEqualTo(module.httpPort());
            assertThat(text).contains(kind.equals("jvm") ? "target/quarkus-app/" : "target/*-runner");
        }
    }

    @Test
    void workflowBuildsTestsAndImagesEveryServiceAfterItsJvmBuild() throws IOException {
        JsonNode jobs = Yaml.read(module.root().resolve(".github/workflows/build.yml")).path("jobs");
        Set<String> jobNames = fieldNames(jobs);
        Set<String> reactorModules = new HashSet<>();
        Matcher modules = MODULE.matcher(Files.readString(module.root().resolve("pom.xml")));
        while (modules.find()) {
            reactorModules.add(modules.group(1));
        }
        for (String job : jobNames) {
            assertThat(jobNames).as("needs of job %s", job).containsAll(texts(jobs.path(job).path("needs")));
            for (JsonNode listed : jobs.path(job).path("strategy").path("matrix").path("module")) {
                assertThat(reactorModules).as("matrix module of job %s", job).contains(listed.asText());
            }
        }
        for (String job : List.of("jvm-build-test", "native-build-test", "container-images")) {
            assertThat(texts(jobs.path(job).path("strategy").path("matrix").path("module")))
                    .as("modules of job %s", job).contains(module.name());
        }
        assertThat(texts(jobs.path("native-build-test").path("needs"))).contains("jvm-build-test");
        assertThat(texts(jobs.path("container-images").path("strategy").path("matrix").path("kind")))
                .containsExactlyInAnyOrder("jvm", "native");
        if (testsDriveABrowser()) {
            for (String job : List.of("jvm-build-test", "native-build-test")) {
                assertBrowserAndScreenshots(job, jobs.path(job).path("steps"));
            }
        }
    }

    /**
     * A job that runs the module's tests gives them a browser (a step sets a variable holding the
     * {@code -Dtasktrail.*} properties, the Maven command passes it on) and keeps the screenshots they take.
     */
    private void assertBrowserAndScreenshots(String job, JsonNode steps) {
        String variable = null;
        boolean passed = false;
        boolean screenshotsKept = false;
        for (JsonNode step : steps) {
            String run = step.path("run").asText();
            Matcher setter = BROWSER_VARIABLE.matcher(run);
            if (setter.find() && run.contains("-Dtasktrail.chromedriver=")) {
                assertThat(step.path("if").asText()).as("condition of the browser step in job %s", job)
                        .isIn("", "matrix.module == '" + module.name() + "'");
                variable = setter.group(1);
            } else if (variable != null && run.contains("./mvnw") && run.contains(variable)) {
                passed = true;
            }
            if (step.path("uses").asText().startsWith("actions/upload-artifact@")
                    && step.path("with").path("path").asText().contains(module.name() + "/target/ui-screenshots")) {
                assertThat(step.path("if").asText()).as("screenshots of job %s kept", job).contains("always()");
                screenshotsKept = true;
            }
        }
        assertThat(variable).as("a step of job %s pointing the browser tests at a browser", job).isNotNull();
        assertThat(passed).as("job %s passes %s to Maven after setting it", job, variable).isTrue();
        assertThat(screenshotsKept).as("job %s uploads %s/target/ui-screenshots", job, module.name()).isTrue();
    }

    @Test
    void kubernetesDeploymentIsProbedSizedAndConfiguredWithSettingsItReads() {
        List<JsonNode> manifest = Yaml.readAll(module.committedManifest());
        JsonNode deployment = Yaml.object(manifest, "Deployment", module.name());
        JsonNode pod = deployment.path("spec").path("template").path("spec");
        JsonNode container = pod.path("containers").path(0);

        assertThat(container.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(container.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        for (String bound : List.of("requests", "limits")) {
            assertThat(container.path("resources").path(bound).has("cpu")).as("cpu %s", bound).isTrue();
            assertThat(container.path("resources").path(bound).has("memory")).as("memory %s", bound).isTrue();
        }
        JsonNode configMap = Yaml.object(manifest, "ConfigMap", module.name());
        Duration shutdown = shutdownMargin();
        for (String setting : shutdownSettings()) {
            shutdown = shutdown.plus(SettingValues.duration(deployedValue(setting, container, configMap)));
        }
        assertThat(Duration.ofSeconds(pod.path("terminationGracePeriodSeconds").asLong()))
                .as("terminationGracePeriodSeconds against %s%s", shutdownSettings(),
                        shutdownMargin().isZero() ? "" : " plus " + shutdownMargin().toSeconds() + " s")
                .isGreaterThan(shutdown);

        Set<String> fromConfigMap = fieldNames(configMap.path("data"));
        assertThat(unknownVariables(fromConfigMap)).as("ConfigMap keys %s does not read", module.name()).isEmpty();
        assertThat(texts(container.path("envFrom").findValues("name")))
                .as("envFrom").contains(module.name(), "tasktrail-redis");
        Set<String> provided = new HashSet<>(fromConfigMap);
        provided.addAll(variablesFromSecrets());
        assertThat(provided).as("required variables").containsAll(requiredVariables());

        String consumerName = "";
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals("TASK_TRACKING_REDIS_CONSUMER_NAME")) {
                consumerName = variable.path("valueFrom").path("fieldRef").path("fieldPath").asText();
            }
        }
        assertThat(consumerName).as("TASK_TRACKING_REDIS_CONSUMER_NAME from the pod name")
                .isEqualTo(consumesInAGroup() ? "metadata.name" : "");

        assertThat(Yaml.object(manifest, "PodDisruptionBudget", module.name()).isObject()).as("PDB").isTrue();
        JsonNode autoscaler = Yaml.object(manifest, "HorizontalPodAutoscaler", module.name());
        assertThat(autoscaler.isObject()).as("HPA").isEqualTo(autoscaled());
        if (autoscaled()) {
            assertThat(autoscaler.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo(module.name());
            assertThat(autoscaler.path("spec").path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * A setting as the Deployment gets it: the container's {@code env} value (which wins over {@code envFrom}), else
     * the ConfigMap's; else what the service uses when it is unset: the prod value of its {@code application.properties},
     * else its {@code @ConfigMapping} default. An empty value counts as unset, as it does for the service.
     */
    private String deployedValue(String variable, JsonNode container, JsonNode configMap) {
        for (JsonNode env : container.path("env")) {
            if (env.path("name").asText().equals(variable) && !env.path("value").asText().isBlank()) {
                return env.path("value").asText();
            }
        }
        if (!configMap.path("data").path(variable).asText().isBlank()) {
            return configMap.path("data").path(variable).asText();
        }
        EnvironmentVariable mapped = ConfigMappingWalker.byName(configMapping()).get(variable);
        String property = mapped != null ? mapped.property() : variable.toLowerCase(Locale.ROOT).replace('_', '.');
        Optional<String> value = module.prodProperty(property).filter(text -> !text.isBlank() && !text.contains("${"));
        if (value.isEmpty() && mapped != null) {
            value = mapped.defaultValue();
        }
        return value.orElseThrow(() -> new AssertionError(variable + " is a shutdown setting, but neither the manifest "
                + "nor the service gives it a value: set it in the ConfigMap so the grace period can be checked"));
    }

    private List<String> unknownVariables(Set<String> names) {
        Map<String, EnvironmentVariable> known = ConfigMappingWalker.byName(configMapping());
        List<String> unknown = new ArrayList<>();
        for (String name : names) {
            if (!known.containsKey(name) && !name.startsWith("QUARKUS_")) {
                unknown.add(name);
            }
        }
        return unknown;
    }

    private List<String> requiredVariables() {
        return ConfigMappingWalker.variables(configMapping()).stream()
                .filter(EnvironmentVariable::required)
                .map(EnvironmentVariable::name)
                .toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The texts of a list, or of a single value (YAML allows {@code needs: a} for {@code needs: [a]}). */
    private static List<String> texts(Iterable<JsonNode> nodes) {
        if (nodes instanceof JsonNode node && node.isValueNode()) {
            return List.of(node.asText());
        }
        return StreamSupport.stream(nodes.spliterator(), false).map(JsonNode::asText).toList();
    }
}
