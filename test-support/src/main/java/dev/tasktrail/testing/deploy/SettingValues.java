package dev.tasktrail.testing.deploy;

import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares two spellings of a setting's value the way the service converts them: {@code 10s} and {@code PT10S}
 * are the same duration, {@code 4M} and {@code 4194304} the same size.
 */
final class SettingValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)([kmgtKMGT]?)[bB]?");

    private SettingValues() {
    }

    static boolean same(Type type, String expected, String actual) {
        if (type == Duration.class) {
            return duration(expected).equals(duration(actual));
        }
        if (type instanceof Class<?> raw && raw.getSimpleName().equals("MemorySize")) {
            return bytes(expected).equals(bytes(actual));
        }
        return expected.equals(actual);
    }

    /** Quarkus' duration syntax: ISO-8601, or a number with ms/s/m/h/d (seconds without a unit). */
    static Duration duration(String text) {
        Matcher simple = SIMPLE_DURATION.matcher(text.trim());
        if (!simple.matches()) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        long amount = Long.parseLong(simple.group(1));
        String unit = simple.group(2) == null ? "s" : simple.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    static BigInteger bytes(String text) {
        Matcher size = SIZE.matcher(text.trim());
        if (!size.matches()) {
            throw new IllegalArgumentException("not a size: " + text);
        }
        int shift = switch (size.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        return new BigInteger(size.group(1)).shiftLeft(shift);
    }
}
