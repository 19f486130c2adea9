package org.fundraising.batch;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * What a run was asked to do, kept in the operational store while it runs, so that another instance can take the
 * run over when the one running it stops: the batch, the kind of run, its row cap, for create-donors the rows
 * named, and for an import the file.
 */
@RegisterForReflection
record RunJob(String runId, String batchId, RunType type, Integer maxRows, List<String> stagingIds, ImportFile file) {

    /** The cap left after {@code taken} rows: a run taken over goes on to the cap it was started with. */
    Integer maxRowsAfter(int taken) {
        return maxRows == null ? null : Math.max(0, maxRows - taken);
    }

    /**
     * A CSV import's file, kept in the operational store under {@code key} while its run is active, with what its
     * rows were read by: the column mapping, the currency they were checked in and the day that was "today".
     */
    @RegisterForReflection
    record ImportFile(String key, String sha256, Map<String, String> mapping, String currency, String today) {
    }
}
