package org.fundraising.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as it stands: the answer to its start, to every poll and on its event stream. Counters count rows:
 * {@code candidates} the run took on, {@code attempted} those it has worked on, {@code processed} those whose
 * outcome is written, {@code deferred} those left for a person, {@code errors} those that failed (and can be run
 * again). {@code outcomes} counts each outcome; {@code recentOutcomes} are the last rows, newest last. An import
 * counts the file's good rows as candidates, each staged or already staged row as processed and each refused row as
 * an error, and says which in {@code import}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSnapshot(String runId, String batchId, RunType runType, Status status, String startedAt, String finishedAt,
                          Integer maxRows, Counters counters, Map<String, Integer> outcomes, Execution execution,
                          List<RowOutcome> recentOutcomes, String error, @JsonProperty("import") ImportAnswer imports) {

    /**
     * This snapshot as a run that stopped with its instance and that another run of the batch replaced before any
     * instance took it over: failed (found so now), with what it had done kept.
     */
    RunSnapshot superseded(String byRunId) {
        return new RunSnapshot(runId, batchId, runType, Status.FAILED, startedAt, Instant.now().toString(), maxRows, counters, outcomes,
                execution, recentOutcomes, "the instance running it stopped before it finished, and run " + byRunId
                + " of the batch took its rows on (nothing done is done twice)", imports);
    }

    /** This snapshot while its instance is gone and no other has taken it over yet: waiting, with what it had done. */
    RunSnapshot awaitingTakeover() {
        return new RunSnapshot(runId, batchId, runType, Status.QUEUED, startedAt, null, maxRows, counters, outcomes,
                execution, recentOutcomes, null, imports);
    }

    public enum Status {
        QUEUED, RUNNING, COMPLETED, COMPLETED_WITH_ERRORS, FAILED;

        @JsonValue
        public String label() {
            return name().toLowerCase();
        }

        public boolean finished() {
            return this == COMPLETED || this == COMPLETED_WITH_ERRORS || this == FAILED;
        }
    }

    public record Counters(int candidates, int attempted, int processed, int deferred, int errors) {
    }

    /**
     * How the run spent Twenty's budget: its calls, and for processing which path rows took: posted 60 to a call
     * ({@code batchPathProcessed}), or one by one ({@code rowFallback…}: recurring-linked rows, and a row a chunk
     * was split down to), how often a refused chunk was halved ({@code splitOperations}), and how often an
     * instance took the run over from one that had stopped ({@code takeovers}).
     */
    public record Execution(long twentyCalls, int batchPathProcessed, int rowFallbackProcessed, int rowFallbackErrors,
                            int rowFallbackDeferred, int splitOperations, int takeovers) {
    }

    /** One row's outcome: {@code donorId} is the row's donor, {@code giftId} the gift a processed row became. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RowOutcome(String stagingId, String outcome, String reason, String donorId, String giftId) {

        public RowOutcome(String stagingId, String outcome, String reason, String donorId) {
            this(stagingId, outcome, reason, donorId, null);
        }
    }
}
