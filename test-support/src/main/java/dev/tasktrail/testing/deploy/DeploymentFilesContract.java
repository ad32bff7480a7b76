package dev.tasktrail.testing.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
 * probes, resources, grace period and consumer name docs/deploy.md promises.
 */
public abstract class DeploymentFilesContract {

    private static final Pattern EXPOSE = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)\\s*$");
    private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

    protected final ServiceModule module = ServiceModule.current();

    /** The service's {@code @ConfigMapping} interface. */
    protected abstract Class<?> configMapping();

    /** Whether replicas share a consumer group (then each needs a distinct, stable consumer name). */
    protected abstract boolean consumesInAGroup();

    /** Whether an autoscaler manages the replicas; otherwise the Deployment's fixed count is the sizing. */
    protected abstract boolean autoscaled();

    /** Longest a replica may need to stop cleanly (drain in flight work); the grace period must exceed it. */
    protected abstract int shutdownSeconds();

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
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThan(shutdownSeconds());

        JsonNode configMap = Yaml.object(manifest, "ConfigMap", module.name());
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
