package org.fundraising.batch;

import java.util.Map;

/**
 * A dry run's answer: what a run would do now, with nothing written. {@code rows} counts rows per path,
 * {@code reasons} why rows would wait or fail, {@code writes} records written per Twenty object,
 * {@code twentyCalls} the calls the run would make (its reads included), and {@code expectedSeconds} how long
 * those would take at the gate's rate behind what is already queued.
 */
public record RunPlan(boolean dryRun, String batchId, RunType runType, Map<String, Integer> rows, Map<String, Integer> reasons,
                      Map<String, Integer> writes, int twentyCalls, long expectedSeconds, String expectedFinishAt) {
}
