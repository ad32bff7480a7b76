package dev.tasktrail.testing.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Lists every setting of a {@code @ConfigMapping} interface the way SmallRye Config reads it: property names in
 * kebab case below the mapping's prefix, {@code @WithName} and {@code @WithParentName} applied, nested groups
 * (including inherited ones such as {@code TrackingRedisConfig}) walked, and each property's environment
 * variable, default and optionality. Docs and deployment files are checked against this, so they cannot drift
 * from the code.
 */
public final class ConfigMappingWalker {

    private ConfigMappingWalker() {
    }

    /** The settings of a mapping, sorted by variable name. */
    public static List<EnvironmentVariable> variables(Class<?> mapping) {
        ConfigMapping annotation = mapping.getAnnotation(ConfigMapping.class);
        if (annotation == null) {
            throw new IllegalArgumentException(mapping.getName() + " is not a @ConfigMapping");
        }
        List<EnvironmentVariable> variables = new ArrayList<>();
        walk(mapping, annotation.prefix(), variables);
        variables.sort(Comparator.comparing(EnvironmentVariable::name));
        return variables;
    }

    /** The settings as a map from variable name. */
    public static Map<String, EnvironmentVariable> byName(Class<?> mapping) {
        Map<String, EnvironmentVariable> byName = new java.util.LinkedHashMap<>();
        variables(mapping).forEach(variable -> byName.put(variable.name(), variable));
        return byName;
    }

    private static void walk(Class<?> group, String prefix, List<EnvironmentVariable> into) {
        for (Method method : group.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0) {
                continue;
            }
            String property = method.isAnnotationPresent(WithParentName.class) ? prefix : join(prefix, name(method));
            Type type = method.getGenericReturnType();
            boolean optional = false;
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Optional.class) {
                type = parameterized.getActualTypeArguments()[0];
                optional = true;
            } else if (type == OptionalInt.class || type == OptionalLong.class || type == OptionalDouble.class) {
                optional = true;
            }
            if (isGroup(type)) {
                walk((Class<?>) type, property, into);
                continue;
            }
            if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Map.class) {
                property = property + ".*";
            }
            WithDefault withDefault = method.getAnnotation(WithDefault.class);
            into.add(new EnvironmentVariable(EnvironmentVariable.environmentName(property), property,
                    Optional.ofNullable(withDefault).map(WithDefault::value), optional, type));
        }
    }

    private static boolean isGroup(Type type) {
        return type instanceof Class<?> raw && raw.isInterface() && !raw.getName().startsWith("java.");
    }

    private static String name(Method method) {
        WithName withName = method.getAnnotation(WithName.class);
        return withName != null ? withName.value() : kebabCase(method.getName());
    }

    /** SmallRye's default naming: {@code heartbeatMs} is {@code heartbeat-ms}. */
    static String kebabCase(String name) {
        StringBuilder kebab = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    kebab.append('-');
                }
                kebab.append(Character.toLowerCase(c));
            } else {
                kebab.append(c);
            }
        }
        return kebab.toString();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
