package dev.tasktrail.bench.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The values each named figure took, one per run, in run order. */
public final class Series {

    private final Map<String, List<Double>> values = new LinkedHashMap<>();

    public void add(String figure, double value) {
        values.computeIfAbsent(figure, name -> new ArrayList<>()).add(value);
    }

    public List<Double> get(String figure) {
        List<Double> found = values.get(figure);
        if (found == null) {
            throw new IllegalArgumentException("no values for " + figure);
        }
        return found;
    }
}
