package dev.tasktrail.bench.support;

/** A goal from the benchmark issue for one figure: on its ratio to the baseline, or on its value. */
public record Target(Kind kind, double threshold) {

    public enum Kind {
        RATIO_AT_LEAST, RATIO_AT_MOST, VALUE_AT_LEAST, VALUE_AT_MOST
    }

    public static Target ratioAtLeast(double ratio) {
        return new Target(Kind.RATIO_AT_LEAST, ratio);
    }

    /** At most {@code ratio} times the baseline, for figures where less is better (latency). */
    public static Target ratioAtMost(double ratio) {
        return new Target(Kind.RATIO_AT_MOST, ratio);
    }

    public static Target atLeast(double value) {
        return new Target(Kind.VALUE_AT_LEAST, value);
    }

    public static Target atMost(double value) {
        return new Target(Kind.VALUE_AT_MOST, value);
    }

    boolean met(Summary value, Summary ratio) {
        return switch (kind) {
            case RATIO_AT_LEAST -> ratio != null && ratio.median() >= threshold;
            case RATIO_AT_MOST -> ratio != null && ratio.median() <= threshold;
            case VALUE_AT_LEAST -> value.median() >= threshold;
            case VALUE_AT_MOST -> value.median() <= threshold;
        };
    }

    String describe() {
        return switch (kind) {
            case RATIO_AT_LEAST -> "≥ " + Math.round(threshold * 100) + " % of baseline";
            case RATIO_AT_MOST -> "≤ " + Section.format(threshold) + "× baseline";
            case VALUE_AT_LEAST -> "≥ " + Section.format(threshold);
            case VALUE_AT_MOST -> "≤ " + Section.format(threshold);
        };
    }
}
