package dev.tasktrail.bench.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The figures of one benchmark as a Markdown section: each figure with its median and range over the runs and,
 * where it has one, its ratio to the baseline measured in the same run (ratios are taken run by run, then
 * summarized, so a slow moment of the shared machine hits both sides of a ratio).
 */
public final class Section {

    private final String title;
    private final List<String> notes = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();

    public Section(String title) {
        this.title = title;
    }

    /** A line of prose under the title: what was measured and how. */
    public Section note(String text) {
        notes.add(text);
        return this;
    }

    /** Adds a figure; chain {@link Row#against} and {@link Row#target} to give it a baseline and a goal. */
    public Row figure(String label, String unit, List<Double> values) {
        Row row = new Row(label, unit, List.copyOf(values));
        rows.add(row);
        return row;
    }

    /** Figures whose target was not met, for the summary at the end of a run. */
    public List<String> missedTargets() {
        return rows.stream().filter(row -> row.target != null && !row.target.met(row.summary(), row.ratio()))
                .map(row -> title + ": " + row.label + " (" + row.target.describe() + ")")
                .toList();
    }

    public String toMarkdown() {
        StringBuilder out = new StringBuilder("## ").append(title).append("\n\n");
        notes.forEach(note -> out.append(note).append("\n"));
        if (!notes.isEmpty()) {
            out.append("\n");
        }
        out.append("| Figure | Median | Min–max | Baseline (median) | Ratio: median (min–max) | Target | |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Summary value = row.summary();
            Summary ratio = row.ratio();
            out.append("| ").append(row.label).append(" (").append(row.unit).append(")")
                    .append(" | ").append(format(value.median()))
                    .append(" | ").append(format(value.min())).append("–").append(format(value.max()))
                    .append(" | ").append(row.baselineLabel == null ? ""
                            : row.baselineLabel + ": " + format(Summary.of(row.baselineValues).median()))
                    .append(" | ").append(ratio == null ? ""
                            : percent(ratio.median()) + " (" + percent(ratio.min()) + "–" + percent(ratio.max()) + ")")
                    .append(" | ").append(row.target == null ? "" : row.target.describe())
                    .append(" | ").append(row.target == null ? "" : row.target.met(value, ratio) ? "met" : "**missed**")
                    .append(" |\n");
        }
        return out.append("\n").toString();
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,d", Math.round(value)).replace(',', ' ');
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A ratio as a percentage, or as a factor once it is large (start-up against a bare JVM). */
    private static String percent(double ratio) {
        return ratio < 5 ? String.format(Locale.ROOT, "%.0f %%", ratio * 100) : String.format(Locale.ROOT, "×%.1f", ratio);
    }

    /** One figure of a section. */
    public static final class Row {
        private final String label;
        private final String unit;
        private final List<Double> values;
        private String baselineLabel;
        private List<Double> baselineValues;
        private Target target;

        private Row(String label, String unit, List<Double> values) {
            this.label = label;
            this.unit = unit;
            this.values = values;
        }

        /** The same-run baseline: {@code baselineValues.get(i)} was measured in the run of {@code values.get(i)}. */
        public Row against(String label, List<Double> baselineValues) {
            if (baselineValues.size() != values.size()) {
                throw new IllegalArgumentException(this.label + ": " + values.size() + " values but "
                        + baselineValues.size() + " baseline values");
            }
            this.baselineLabel = label;
            this.baselineValues = List.copyOf(baselineValues);
            return this;
        }

        public Row target(Target target) {
            this.target = target;
            return this;
        }

        Summary summary() {
            return Summary.of(values);
        }

        Summary ratio() {
            if (baselineValues == null) {
                return null;
            }
            List<Double> ratios = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                ratios.add(values.get(i) / baselineValues.get(i));
            }
            return Summary.of(ratios);
        }
    }
}
