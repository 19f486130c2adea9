package org.fundraising.batch;

import jakarta.validation.constraints.Positive;

/**
 * A run's start: at most {@code maxRows} rows (unset: every candidate); {@code dryRun: true} answers the plan (rows
 * per path, writes per object, Twenty calls, expected finish) and starts nothing. An empty body starts a whole run.
 */
public record RunStart(@Positive(message = "must be a positive whole number") Integer maxRows, Boolean dryRun) {

    static final RunStart WHOLE_RUN = new RunStart(null, false);

    boolean planOnly() {
        return Boolean.TRUE.equals(dryRun);
    }
}
