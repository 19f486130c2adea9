package org.fundraising.batch;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A run's counts as its chunks finish, turned into a {@link RunSnapshot} whenever one is asked for. */
final class RunProgress {

    private static final int RECENT = 20;
    /** Refused rows an import's snapshot lists (the first ones, by row number); {@code counters.errors} counts all. */
    static final int LISTED_REJECTIONS = 500;

    private final String runId;
    private final String batchId;
    private final RunType type;
    private final Integer maxRows;
    private String startedAt = Instant.now().toString();
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final Deque<RunSnapshot.RowOutcome> recent = new ArrayDeque<>();
    private RunSnapshot.Status status = RunSnapshot.Status.QUEUED;
    private String finishedAt;
    private String error;
    private int candidates;
    private int attempted;
    private int processed;
    private int deferred;
    private int errors;
    private long twentyCalls;
    private int batchPath;
    private int rowPath;
    private int rowPathErrors;
    private int rowPathDeferred;
    private int splits;
    private int takeovers;
    private ImportAnswer imports;

    RunProgress(String runId, String batchId, RunType type, Integer maxRows) {
        this.runId = runId;
        this.batchId = batchId;
        this.type = type;
        this.maxRows = maxRows;
    }

    /** A run another instance started and stopped with, taken over here: what it had done is kept. */
    static RunProgress takenOver(RunSnapshot left) {
        RunProgress progress = new RunProgress(left.runId(), left.batchId(), left.runType(), left.maxRows());
        progress.startedAt = left.startedAt();
        progress.outcomes.putAll(left.outcomes());
        progress.recent.addAll(left.recentOutcomes());
        RunSnapshot.Counters counters = left.counters();
        progress.candidates = counters.candidates();
        progress.attempted = counters.attempted();
        progress.processed = counters.processed();
        progress.deferred = counters.deferred();
        progress.errors = counters.errors();
        RunSnapshot.Execution execution = left.execution();
        progress.twentyCalls = execution.twentyCalls();
        progress.batchPath = execution.batchPathProcessed();
        progress.rowPath = execution.rowFallbackProcessed();
        progress.rowPathErrors = execution.rowFallbackErrors();
        progress.rowPathDeferred = execution.rowFallbackDeferred();
        progress.splits = execution.splitOperations();
        progress.takeovers = execution.takeovers() + 1;
        progress.imports = left.imports();
        progress.running();
        return progress;
    }

    synchronized void running() {
        status = RunSnapshot.Status.RUNNING;
    }

    synchronized void took(int rows) {
        candidates += rows;
    }

    /** One row done: {@code written} when its outcome is in Twenty (or already was), {@code deferred} when a person decides. */
    synchronized void row(RunSnapshot.RowOutcome outcome, boolean written, boolean deferred, boolean failed) {
        attempted++;
        processed += written ? 1 : 0;
        this.deferred += deferred ? 1 : 0;
        errors += failed ? 1 : 0;
        outcomes.merge(outcome.outcome(), 1, Integer::sum);
        recent.addLast(outcome);
        if (recent.size() > RECENT) {
            recent.removeFirst();
        }
    }

    /** Which path a row took: the batch path, or one by one (processed, failed or deferred there). */
    synchronized void path(boolean batch, boolean failed, boolean deferred) {
        if (batch) {
            batchPath++;
        } else if (failed) {
            rowPathErrors++;
        } else if (deferred) {
            rowPathDeferred++;
        } else {
            rowPath++;
        }
    }

    /** An import's file, checked: its good rows are the candidates, its refused rows errors from the start. */
    synchronized void importChecked(int goodRows, List<ImportAnswer.Rejection> rejected, List<String> ignoredColumns) {
        candidates = goodRows;
        imports = new ImportAnswer(batchId, 0, 0, List.of(), ignoredColumns);
        rejected.forEach(rejection -> importRefused(rejection, false));
    }

    /** A chunk of an import written: {@code staged} rows new, {@code already} staged by an earlier upload of the file. */
    synchronized void imported(int staged, int already) {
        attempted += staged + already;
        processed += staged + already;
        imports = new ImportAnswer(batchId, imports.imported() + staged, imports.duplicates() + already, imports.rejected(),
                imports.ignoredColumns());
    }

    /** A row of an import left out, by the check or by Twenty ({@code written}: the run tried to write it). */
    synchronized void importRefused(ImportAnswer.Rejection rejection, boolean written) {
        errors++;
        attempted += written ? 1 : 0;
        if (imports.rejected().size() >= LISTED_REJECTIONS
                && imports.rejected().get(LISTED_REJECTIONS - 1).row() < rejection.row()) {
            return;
        }
        List<ImportAnswer.Rejection> listed = new ArrayList<>(imports.rejected());
        listed.add(rejection);
        listed.sort(Comparator.comparingInt(ImportAnswer.Rejection::row));
        imports = new ImportAnswer(batchId, imports.imported(), imports.duplicates(),
                List.copyOf(listed.subList(0, Math.min(LISTED_REJECTIONS, listed.size()))), imports.ignoredColumns());
    }

    synchronized int attempted() {
        return attempted;
    }

    synchronized boolean takenOver() {
        return takeovers > 0;
    }

    synchronized void split() {
        splits++;
    }

    /** The run's Twenty calls so far, all attempts counted. */
    synchronized void calls(long total) {
        twentyCalls = total;
    }

    synchronized void finished(String failure) {
        error = failure;
        status = failure != null ? RunSnapshot.Status.FAILED
                : errors > 0 ? RunSnapshot.Status.COMPLETED_WITH_ERRORS : RunSnapshot.Status.COMPLETED;
        finishedAt = Instant.now().toString();
    }

    synchronized RunSnapshot snapshot() {
        return new RunSnapshot(runId, batchId, type, status, startedAt, finishedAt, maxRows,
                new RunSnapshot.Counters(candidates, attempted, processed, deferred, errors), Map.copyOf(outcomes),
                new RunSnapshot.Execution(twentyCalls, batchPath, rowPath, rowPathErrors, rowPathDeferred, splits, takeovers),
                List.copyOf(recent), error, imports);
    }
}
