package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * What a run was asked to do, kept in the operational store while it runs, so that another instance can take the
 * run over when the one running it stops: the batch, the kind of run, its row cap and, for create-donors, the rows
 * named.
 */
@RegisterForReflection
record RunJob(String runId, String batchId, RunType type, Integer maxRows, List<String> stagingIds) {

    /** The cap left after {@code taken} rows: a run taken over goes on to the cap it was started with. */
    Integer maxRowsAfter(int taken) {
        return maxRows == null ? null : Math.max(0, maxRows - taken);
    }
}
