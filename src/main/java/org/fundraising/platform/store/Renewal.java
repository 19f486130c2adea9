package org.fundraising.platform.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Something held in the store for a while (a lease, a run's hold, a key in flight) renewed on a ticker until the
 * holder cancels: a holder that dies stops renewing, and what it held frees when its time runs out. A renewal that
 * fails is tried again at the next tick.
 */
public final class Renewal {

    private Renewal() {
    }

    public static Cancellable every(Duration every, Supplier<Uni<Boolean>> renew) {
        return Multi.createFrom().ticks().every(every)
                .onItem().transformToUniAndConcatenate(tick -> renew.get().onFailure().recoverWithItem(false))
                .subscribe().with(renewed -> { }, failure -> { });
    }
}
