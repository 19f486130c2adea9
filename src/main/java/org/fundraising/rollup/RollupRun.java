package org.fundraising.rollup;

import com.fasterxml.jackson.annotation.JsonValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.fundraising.platform.Vocabulary;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A rebuild of totals as it stands. {@code changed} counts, per kind, the records whose stored totals differ from
 * the gifts (written, or in a dry run to be written); {@code twentyCalls} are the calls made so far and
 * {@code plannedCalls} what the whole rebuild costs: for a dry run, its reads plus the writes a real run would add.
 * Kept in the operational store as JSON between polls (hence registered for reflection in a native image).
 */
@Schema(name = "RollupRun")
@RegisterForReflection
public record RollupRun(String runId, Status status, boolean dryRun, List<ParentKind> scope, String phase,
                        Instant startedAt, Instant finishedAt, Instant updatedAt, long giftsRead, long parentsRead,
                        Map<String, Long> changed, long recordsWritten, long twentyCalls, long plannedCalls,
                        String error) {

    public enum Status {
        RUNNING, COMPLETED, FAILED, INTERRUPTED;

        @JsonValue
        public String label() {
            return Vocabulary.wire(this);
        }

        public boolean finished() {
            return this != RUNNING;
        }
    }

    /** A running snapshot not renewed for {@code silence} belongs to an instance that stopped: it is interrupted. */
    RollupRun asSeen(Instant now, Duration silence) {
        if (status == Status.RUNNING && updatedAt.plus(silence).isBefore(now)) {
            return new RollupRun(runId, Status.INTERRUPTED, dryRun, scope, phase, startedAt, finishedAt, updatedAt,
                    giftsRead, parentsRead, changed, recordsWritten, twentyCalls, plannedCalls,
                    "the instance running it stopped; start a new rebuild");
        }
        return this;
    }
}
