package org.fundraising.batch;

import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.twenty.TwentyCaller;

import java.util.LinkedHashSet;

/** The work of each kind of run, the same whether the run was started here or taken over from a stopped instance. */
@ApplicationScoped
class RunWorks {

    private final BatchProcessRun process;
    private final DonorMatchRun donorMatch;
    private final CreateDonorsRun createDonors;

    RunWorks(BatchProcessRun process, DonorMatchRun donorMatch, CreateDonorsRun createDonors) {
        this.process = process;
        this.donorMatch = donorMatch;
        this.createDonors = createDonors;
    }

    /** The job's work on {@code rows}, at most {@code maxRows} of them: a stream of finished chunks (their row counts). */
    Multi<Integer> run(RunJob job, TwentyCaller caller, RunProgress progress, BatchReads.OpenRows rows, Integer maxRows) {
        return switch (job.type()) {
            case PROCESS_BATCH -> process.run(caller, progress, rows, maxRows);
            case DONOR_MATCH -> donorMatch.run(caller, progress, rows, maxRows);
            case CREATE_DONORS -> createDonors.run(caller, progress, rows, maxRows, new LinkedHashSet<>(job.stagingIds()));
        };
    }
}
