package dev.tasktrail.bench.support;

/**
 * How much a benchmark run measures: {@link #QUICK} is a smoke run (CI, while developing: small data, one run,
 * figures only indicative), {@link #FULL} the run whose figures go into docs/benchmarks.md (full sizes, medians of
 * three runs).
 */
public enum Mode {
    QUICK(1),
    FULL(3);

    private final int runs;

    Mode(int runs) {
        this.runs = runs;
    }

    /** How often each benchmark repeats its measurement (and its baseline). */
    public int runs() {
        return runs;
    }

    /** The value of a size or duration for this mode. */
    public <T> T pick(T quick, T full) {
        return this == QUICK ? quick : full;
    }

    public static Mode parse(String text) {
        return switch (text) {
            case "quick" -> QUICK;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("mode must be quick or full, not " + text);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase();
    }
}
