package io.artifex.eval.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, minimum and maximum of a short list of measurements. */
final class Stats {

    private Stats() {
    }

    static double median(List<Double> values) {
        requireValues(values);
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : 0.5 * (sorted.get(n / 2 - 1) + sorted.get(n / 2));
    }

    static double min(List<Double> values) {
        requireValues(values);
        return Collections.min(values);
    }

    static double max(List<Double> values) {
        requireValues(values);
        return Collections.max(values);
    }

    private static void requireValues(List<Double> values) {
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("statistics need at least one measurement");
        }
    }
}
