package dev.tasktrail.testing.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.Indexer;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.MethodParameterInfo;
import org.junit.jupiter.api.Test;

/**
 * What a native executable of the service needs besides what Quarkus derives itself, checked on the built
 * classes ({@code target/classes}), since no native-image can run here (CI builds it elsewhere):
 * <ul>
 *   <li>every resource the service ships is included by {@code quarkus.native.resources.includes} (or is one
 *       Quarkus handles at build time);</li>
 *   <li>every type of ours that Jackson writes or reads over REST — resource method results and bodies, and
 *       exception mapper results, including the records nested in them — is {@code @RegisterForReflection}.</li>
 * </ul>
 */
public abstract class NativeConfigurationContract {

    private static final DotName REGISTER_FOR_REFLECTION =
            DotName.createSimple("io.quarkus.runtime.annotations.RegisterForReflection");
    private static final List<DotName> REST_METHODS = Stream.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD")
            .map(verb -> DotName.createSimple("jakarta.ws.rs." + verb))
            .toList();
    private static final DotName EXCEPTION_MAPPER =
            DotName.createSimple("org.jboss.resteasy.reactive.server.ServerExceptionMapper");
    /** Resources Quarkus reads at build time or includes itself. */
    private static final List<PathMatcher> HANDLED_BY_QUARKUS = Stream.of(
                    "application.properties", "META-INF/services/**", "META-INF/openapi.{json,yaml,yml}",
                    "META-INF/resources/**", "META-INF/beans.xml", "META-INF/native-image/**")
            .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob))
            .toList();
    /** Our packages: only their types need our registration (libraries register their own). */
    private static final String OUR_PACKAGES = "dev.tasktrail.";

    protected final ServiceModule module = ServiceModule.current();

    @Test
    void includesEveryResourceItShipsInTheNativeImage() throws IOException {
        List<PathMatcher> includes = module.prodProperty("quarkus.native.resources.includes").stream()
                .flatMap(value -> Arrays.stream(value.split(",")))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + glob.trim()))
                .toList();
        Path classes = module.classes();
        List<String> missing;
        try (Stream<Path> files = Files.walk(classes)) {
            missing = files.filter(Files::isRegularFile)
                    .map(classes::relativize)
                    .filter(file -> !file.toString().endsWith(".class"))
                    .filter(file -> HANDLED_BY_QUARKUS.stream().noneMatch(matcher -> matcher.matches(file)))
                    .filter(file -> includes.stream().noneMatch(matcher -> matcher.matches(file)))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(missing).as("resources of %s not in quarkus.native.resources.includes", module.name()).isEmpty();
    }

    @Test
    void registersEveryTypeJacksonHandlesOverRestForReflection() throws Exception {
        Index index = indexOfBuiltClasses();
        Set<Type> roots = new LinkedHashSet<>();
        for (DotName annotation : restAnnotations()) {
            for (AnnotationInstance instance : index.getAnnotations(annotation)) {
                if (instance.target().kind() == AnnotationTarget.Kind.METHOD) {
                    roots.addAll(jsonTypes(instance.target().asMethod()));
                }
            }
        }
        assumeFalse(roots.isEmpty(), module.name() + " has no REST resources or exception mappers");

        Set<Class<?>> unregistered = new LinkedHashSet<>();
        Set<Class<?>> seen = new LinkedHashSet<>();
        Deque<Type> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Type type = pending.pop();
            if (type instanceof ParameterizedType parameterized) {
                pending.addAll(Arrays.asList(parameterized.getActualTypeArguments()));
                continue;
            }
            if (!(type instanceof Class<?> raw) || !raw.getName().startsWith(OUR_PACKAGES) || !seen.add(raw)) {
                continue;
            }
            if (!registered(raw)) {
                unregistered.add(raw);
            }
            pending.addAll(serializedMemberTypes(raw));
        }
        assertThat(unregistered).as("types of %s that Jackson handles over REST without @RegisterForReflection "
                + "(a native executable would answer {} for them)", module.name()).isEmpty();
    }

    private static List<DotName> restAnnotations() {
        return Stream.concat(REST_METHODS.stream(), Stream.of(EXCEPTION_MAPPER)).toList();
    }

    /** The result type and, for resource methods, the body parameter (the one without a JAX-RS annotation). */
    private static List<Type> jsonTypes(MethodInfo method) throws Exception {
        Class<?> owner = Class.forName(method.declaringClass().name().toString(), false, loader());
        java.lang.reflect.Method reflected = Arrays.stream(owner.getDeclaredMethods())
                .filter(candidate -> candidate.getName().equals(method.name())
                        && candidate.getParameterCount() == method.parametersCount())
                .findFirst()
                .orElseThrow();
        List<Type> types = new java.util.ArrayList<>();
        types.add(reflected.getGenericReturnType());
        boolean resourceMethod = method.annotations().stream().anyMatch(a -> REST_METHODS.contains(a.name()));
        if (resourceMethod) {
            for (MethodParameterInfo parameter : method.parameters()) {
                boolean annotated = method.annotations().stream()
                        .anyMatch(a -> a.target().kind() == AnnotationTarget.Kind.METHOD_PARAMETER
                                && a.target().asMethodParameter().position() == parameter.position());
                if (!annotated) {
                    types.add(reflected.getGenericParameterTypes()[parameter.position()]);
                }
            }
        }
        return types;
    }

    private static boolean registered(Class<?> type) {
        return Arrays.stream(type.getAnnotations())
                .anyMatch(a -> a.annotationType().getName().equals(REGISTER_FOR_REFLECTION.toString()));
    }

    /** What Jackson writes of a type: record components, else instance fields. */
    private static List<Type> serializedMemberTypes(Class<?> type) {
        if (type.isRecord()) {
            return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getGenericType).toList();
        }
        return Arrays.stream(type.getDeclaredFields())
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .map(Field::getGenericType)
                .toList();
    }

    private Index indexOfBuiltClasses() throws IOException {
        Indexer indexer = new Indexer();
        try (Stream<Path> files = Files.walk(module.classes())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    indexer.index(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return indexer.complete();
    }

    private static ClassLoader loader() {
        return Thread.currentThread().getContextClassLoader();
    }
}
