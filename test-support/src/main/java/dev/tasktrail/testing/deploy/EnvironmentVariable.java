package dev.tasktrail.testing.deploy;

import java.lang.reflect.Type;
import java.util.Optional;

/**
 * One setting of a service's {@code @ConfigMapping} as an operator sets it.
 *
 * @param name the environment variable ({@code TASK_TRACKING_REDIS_URL})
 * @param property the configuration property it maps to ({@code task.tracking.redis.url})
 * @param defaultValue the {@code @WithDefault} value, empty when there is none
 * @param optional true for {@code Optional} settings: unset is a valid state
 * @param type the Java type the value converts to (after unwrapping {@code Optional})
 */
public record EnvironmentVariable(String name, String property, Optional<String> defaultValue, boolean optional,
        Type type) {

    /** Neither a default nor optional: the service cannot start without it. */
    public boolean required() {
        return defaultValue.isEmpty() && !optional;
    }

    /** The environment variable name MicroProfile Config reads for a property. */
    public static String environmentName(String property) {
        StringBuilder name = new StringBuilder(property.length());
        for (char c : property.toCharArray()) {
            name.append(Character.isLetterOrDigit(c) ? Character.toUpperCase(c) : '_');
        }
        return name.toString();
    }
}
