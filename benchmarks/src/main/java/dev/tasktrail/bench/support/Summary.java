package dev.tasktrail.bench.support;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and range of the values one figure took over the runs. */
public record Summary(double median, double min, double max, int count) {

    public static Summary of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n);
    }
}
