package org.fundraising.platform;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Background work repeated on a timer: one round at a time (a tick that comes while a round runs is dropped), and a
 * round that fails is logged under {@code failureEvent} and tried again at the next tick, never stopping the timer.
 */
public final class Periodic {

    private Periodic() {
    }

    /** Starts the rounds; cancel the answer at shutdown. */
    public static Cancellable every(Duration every, Supplier<Uni<Void>> round, Class<?> source, String failureEvent,
                                    String failureMessage) {
        return Multi.createFrom().ticks().every(every).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> round.get().onFailure().recoverWithItem(failure -> {
                    LogEvent.of(source, failureEvent).with("reason", failure.getMessage()).warn(failureMessage);
                    return null;
                }))
                .subscribe().with(ignored -> { });
    }
}
