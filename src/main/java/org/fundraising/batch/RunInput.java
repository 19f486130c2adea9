package org.fundraising.batch;

import io.smallrye.mutiny.Uni;

/**
 * What a run starts from, ready before it is started: a batch's open rows (its first page read), or a checked CSV
 * file. Whatever must be kept for another instance to take the run over is kept before the run is announced.
 */
interface RunInput {

    /** The file an import run stages; null for the runs over a batch's rows. */
    default RunJob.ImportFile importFile() {
        return null;
    }

    /** What the first snapshot already knows (an import's refused rows). */
    default void announce(RunProgress progress) {
    }

    /** Keeps what a takeover would need and cannot read from Twenty (an import's file). */
    default Uni<Void> keep() {
        return Uni.createFrom().voidItem();
    }
}
