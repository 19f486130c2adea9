package org.fundraising.platform.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Something held in the store for a while (a lease, a run's hold, a key in flight) renewed on a ticker until the
 * holder lets go: a holder that dies stops renewing, and what it held frees when its time runs out. A tick that
 * comes while a renewal is still running is dropped (a slow store never stops the ticker), and a renewal that
 * fails is tried again at the next tick. The holder is told when the hold is lost — the store says it is someone
 * else's now, or no renewal has succeeded for as long as the hold lasts — so that it stops before its next write:
 * the exactly-once argument must not rest on a ticker staying healthy.
 */
public final class Renewal {

    /** A hold being renewed: {@link #lost()} completes when it is lost; {@link #release()} stops renewing. */
    public static final class Held {

        private final CompletableFuture<Void> lost = new CompletableFuture<>();
        private volatile Cancellable ticking;

        /** Completes when the hold is lost; never while it is held. */
        public Uni<Void> lost() {
            return Uni.createFrom().completionStage(lost);
        }

        public boolean isLost() {
            return lost.isDone();
        }

        public void release() {
            Cancellable running = ticking;
            if (running != null) {
                running.cancel();
            }
        }

        /**
         * {@code work} while the hold lasts: once the hold is lost the work is cancelled, so none of its later steps
         * (its next write) runs, and the answer is {@code whenLost}.
         */
        public <T> Uni<T> whileHeld(Uni<T> work, Supplier<? extends Throwable> whenLost) {
            Uni<T> failsWhenLost = lost().onItem().transformToUni(ignored -> Uni.createFrom().failure(whenLost.get()));
            return Uni.combine().any().of(work, failsWhenLost);
        }
    }

    private enum Outcome { RENEWED, GONE, FAILED }

    private Renewal() {
    }

    /**
     * Renews every {@code every} with {@code renew} (true: still ours; false: someone else's now) a hold that lasts
     * {@code holdFor} from its last renewal.
     */
    public static Held every(Duration every, Duration holdFor, Supplier<Uni<Boolean>> renew) {
        Held held = new Held();
        long[] lastRenewed = {System.nanoTime()};
        held.ticking = Multi.createFrom().ticks().every(every).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> renew.get()
                        .map(ours -> ours ? Outcome.RENEWED : Outcome.GONE)
                        .onFailure().recoverWithItem(Outcome.FAILED))
                .subscribe().with(outcome -> {
                    if (outcome == Outcome.RENEWED) {
                        lastRenewed[0] = System.nanoTime();
                    } else if (outcome == Outcome.GONE || System.nanoTime() - lastRenewed[0] > holdFor.toNanos()) {
                        held.lost.complete(null);
                        held.release();
                    }
                }, failure -> held.lost.complete(null));
        return held;
    }
}
