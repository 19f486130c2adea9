package org.fundraising.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Percentiles of recorded samples, and the lines a benchmark prints. */
final class BenchFigures {

    private BenchFigures() {
    }

    static double percentile(List<Long> samples, double p) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static void print(String line) {
        System.out.println("BENCH " + line);
    }
}
