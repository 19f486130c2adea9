package org.fundraising.platform;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Background work repeated on a timer: one round at a time (a tick that comes while a round runs is dropped), and a
 * round that fails is logged under {@code failureEvent} and tried again at the next tick, never stopping the timer.
 */
public final class Periodic {

    private Periodic() {
    }

    /** An unchanged answer is sent again this often, so a quiet stream is not closed as an idle connection. */
    static final Duration KEEP_ALIVE = Duration.ofSeconds(30);

    /**
     * What {@code look} answers now and then every {@code every}, each change once (and an unchanged answer again
     * every 30 s), ending with the first answer that is {@code finished}: a run's snapshots as Server-Sent Events,
     * read from wherever the run keeps them.
     */
    public static <T> Multi<T> follow(Uni<T> look, Duration every, Predicate<T> finished) {
        return follow(look, every, KEEP_ALIVE, finished);
    }

    static <T> Multi<T> follow(Uni<T> look, Duration every, Duration keepAlive, Predicate<T> finished) {
        AtomicBoolean ended = new AtomicBoolean();
        AtomicReference<T> last = new AtomicReference<>();
        AtomicLong lastSent = new AtomicLong();
        return Multi.createBy().concatenating().streams(look.toMulti(),
                        // A look slower than the period drops the ticks it overlaps instead of ending the stream.
                        Multi.createFrom().ticks().every(every).onOverflow().drop()
                                .onItem().transformToUniAndConcatenate(tick -> look))
                .select().first(item -> !ended.getAndSet(finished.test(item)))
                .select().where(item -> {
                    long now = System.nanoTime();
                    boolean changed = !Objects.equals(item, last.getAndSet(item));
                    if (changed || now - lastSent.get() >= keepAlive.toNanos()) {
                        lastSent.set(now);
                        return true;
                    }
                    return false;
                });
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

    /**
     * A background worker's rounds: started when the service begins to serve, stopped at shutdown (a stop before
     * any start does nothing).
     */
    public static final class Rounds {

        private volatile Cancellable ticking;

        /** The rounds of {@link Periodic#every}. */
        public void start(Duration every, Supplier<Uni<Void>> round, Class<?> source, String failureEvent,
                          String failureMessage) {
            ticking = Periodic.every(every, round, source, failureEvent, failureMessage);
        }

        public void stop() {
            Cancellable running = ticking;
            if (running != null) {
                running.cancel();
            }
        }
    }
}
