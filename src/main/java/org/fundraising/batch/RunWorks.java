package org.fundraising.batch;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.util.LinkedHashSet;

/** The work of each kind of run, the same whether the run was started here or taken over from a stopped instance. */
@ApplicationScoped
class RunWorks {

    private final BatchProcessRun process;
    private final DonorMatchRun donorMatch;
    private final CreateDonorsRun createDonors;
    private final CsvImport imports;
    private final TwentyClient twenty;

    RunWorks(BatchProcessRun process, DonorMatchRun donorMatch, CreateDonorsRun createDonors, CsvImport imports,
             TwentyClient twenty) {
        this.process = process;
        this.donorMatch = donorMatch;
        this.createDonors = createDonors;
        this.imports = imports;
        this.twenty = twenty;
    }

    /** The job's work on {@code input}, at most {@code maxRows} rows: a stream of finished chunks (their row counts). */
    Multi<Integer> run(RunJob job, TwentyCaller caller, RunProgress progress, RunInput input, Integer maxRows) {
        return switch (job.type()) {
            case PROCESS_BATCH -> process.run(caller, progress, (BatchReads.OpenRows) input, maxRows);
            case DONOR_MATCH -> donorMatch.run(caller, progress, (BatchReads.OpenRows) input, maxRows);
            case CREATE_DONORS -> createDonors.run(caller, progress, (BatchReads.OpenRows) input, maxRows,
                    new LinkedHashSet<>(job.stagingIds()));
            case IMPORT -> imports.run(caller, progress, (CsvImport.Prepared) input);
        };
    }

    /** What a run taken over starts from: its rows read afresh, or its file from the store. */
    Uni<RunInput> reopen(RunJob job, TwentyCaller caller) {
        return job.type() == RunType.IMPORT
                ? imports.reopen(caller, job).map(prepared -> prepared)
                : BatchReads.open(twenty, caller, job.batchId(), job.type()).map(rows -> rows);
    }

    /** Lets go of what the run kept for a takeover, once it has ended. */
    Uni<Void> ended(RunJob job) {
        return job.file() == null ? Uni.createFrom().voidItem() : imports.forget(job.file());
    }
}
