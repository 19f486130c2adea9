package org.fundraising.batch;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A run's step tried again while Twenty is unavailable rather than failed: rows of a run that met an outage wait for
 * Twenty and go on, instead of ending as errors someone must notice and run again. Every step a run repeats this
 * way is idempotent (records carry derived ids; marks are upserts), so trying it again never writes twice.
 */
@ApplicationScoped
class ChunkPatience {

    private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final Duration patience;

    ChunkPatience(FundraisingConfig config) {
        this.patience = config.batch().twentyPatience();
    }

    /** {@code step}, subscribed again after transient Twenty failures, for at most the configured patience. */
    <T> Uni<T> retried(TwentyCaller caller, Supplier<Uni<? extends T>> step) {
        Uni<T> once = Uni.createFrom().deferred(step);
        if (patience.isZero()) {
            return once;
        }
        return once
                .onFailure(ChunkPatience::twentyUnavailable).invoke(failure -> LogEvent.of(ChunkPatience.class, "batch_run_waiting_for_twenty")
                        .with("requestId", caller.requestId()).with("reason", failure.getMessage())
                        .warn("Twenty is unavailable; the run tries this step again"))
                .onFailure(ChunkPatience::twentyUnavailable).retry().withBackOff(FIRST_PAUSE, LONGEST_PAUSE).withJitter(0.2)
                .expireIn(patience.toMillis());
    }

    /** A transient Twenty failure, itself or as the cause of a posting step's failure. */
    private static boolean twentyUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (TwentyException.isTransient(cause)) {
                return true;
            }
        }
        return false;
    }
}
