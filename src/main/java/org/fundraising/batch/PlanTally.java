package org.fundraising.batch;

import org.fundraising.twenty.GateSnapshot;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** Counts a dry run adds up as it reads the batch's rows, turned into a {@link RunPlan} at the gate's pace. */
final class PlanTally {

    final Map<String, Integer> rows = new TreeMap<>();
    final Map<String, Integer> reasons = new TreeMap<>();
    final Map<String, Integer> writes = new TreeMap<>();
    int calls;

    void row(String path) {
        rows.merge(path, 1, Integer::sum);
    }

    void reason(String reason) {
        reasons.merge(reason, 1, Integer::sum);
    }

    void write(String object, int records) {
        if (records > 0) {
            writes.merge(object, records, Integer::sum);
        }
    }

    /** The plan, its calls being the writes and lookups counted here and the {@code reads} the plan made as the run will. */
    RunPlan plan(String batchId, RunType type, GateSnapshot gate, long reads) {
        int calls = this.calls + (int) reads;
        long tokens = gate.tokensAvailable() == null ? Long.MAX_VALUE : gate.tokensAvailable();
        double waitForTokens = gate.ratePerMinute() <= 0 ? 0 : Math.max(0, calls - tokens) * 60.0 / gate.ratePerMinute();
        long seconds = Math.round(gate.predictedDrainSeconds() + waitForTokens);
        return new RunPlan(true, batchId, type, Map.copyOf(rows), Map.copyOf(reasons), Map.copyOf(writes), calls, seconds,
                Instant.now().plusSeconds(seconds).toString());
    }
}
