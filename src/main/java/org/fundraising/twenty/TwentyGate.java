package org.fundraising.twenty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one gate in front of Twenty. A caller asks for a token with {@link #acquire} and gets a {@code Uni} that
 * completes when the token is granted: FIFO within a lane, higher lanes first, never a sleeping thread (waits are
 * Vert.x timers). A 429 from Twenty pauses the whole gate with {@link #pause}, since every call shares one key.
 */
@ApplicationScoped
public class TwentyGate {

    private final RateBudget budget;
    private final Vertx vertx;
    private final MeterRegistry metrics;
    private final Map<Lane, ArrayDeque<Waiter>> queues = new EnumMap<>(Lane.class);
    private final ArrayDeque<Instant> rateLimitedAt = new ArrayDeque<>();
    private final Map<String, Timer> waitTimers = new ConcurrentHashMap<>();
    private final Map<String, Counter> shedCounters = new ConcurrentHashMap<>();
    private final int ratePerMinute;
    private final int burst;
    private static final int SUBSCRIBING = 0;
    private static final int ANSWERED_AT_ONCE = 1;
    private static final int ANSWERS_LATER = 2;

    private boolean pumping;
    private boolean timerPending;

    @Inject
    TwentyGate(RateBudget budget, FundraisingConfig config, Vertx vertx, MeterRegistry metrics) {
        this(budget, config.twenty().ratePerMinute(), config.twenty().burst(), vertx, metrics);
    }

    TwentyGate(RateBudget budget, int ratePerMinute, int burst, Vertx vertx, MeterRegistry metrics) {
        this.budget = budget;
        this.ratePerMinute = ratePerMinute;
        this.burst = burst;
        this.vertx = vertx;
        this.metrics = metrics;
        for (Lane lane : Lane.values()) {
            ArrayDeque<Waiter> queue = new ArrayDeque<>();
            queues.put(lane, queue);
            metrics.gauge("fundraising_twenty_gate_queue_depth", List.of(Tag.of("lane", lane.label())),
                    queue, q -> depth(lane));
        }
        metrics.gauge("fundraising_twenty_gate_tokens_available", this, gate -> Math.min(gate.budget.available(), 1_000_000));
    }

    /** Completes, with the time spent waiting, when the caller may send one request to Twenty. */
    public Uni<Duration> acquire(Lane lane, String context) {
        return acquire(lane, context, TwentyCaller.NO_DEADLINE);
    }

    /**
     * As {@link #acquire(Lane, String)}, for a caller that must not wait past {@code deadlineNanos}
     * ({@link System#nanoTime()}): when the queue ahead of it (a pause included) predicts a longer wait, it fails at
     * once with a 503 carrying that wait as Retry-After; and a wait that does outlast the deadline fails then.
     * Admission control: a crowd of people never piles up behind a budget that cannot serve them in time.
     */
    public Uni<Duration> acquire(Lane lane, String context, long deadlineNanos) {
        return Uni.createFrom().emitter(emitter -> {
            long now = System.nanoTime();
            Waiter waiter = new Waiter(lane, context, now, emitter, Vertx.currentContext());
            emitter.onTermination(waiter::settle);
            synchronized (this) {
                if (deadlineNanos != TwentyCaller.NO_DEADLINE) {
                    long predicted = predictedWaitNanos(lane);
                    if (predicted > deadlineNanos - now) {
                        waiter.settle();
                        shed(lane, context, "predicted_wait");
                        emitter.fail(TwentyException.overloaded(Duration.ofNanos(predicted)));
                        return;
                    }
                }
                queues.get(lane).addLast(waiter);
            }
            if (deadlineNanos != TwentyCaller.NO_DEADLINE) {
                long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - now));
                long timer = vertx.setTimer(millis, id -> {
                    if (waiter.settle()) {
                        shed(lane, context, "deadline");
                        emitter.fail(TwentyException.overloaded(Duration.ofNanos(predictedWaitNanos(lane))));
                    }
                });
                emitter.onTermination(() -> vertx.cancelTimer(timer));
            }
            pump();
        });
    }

    /** How long a new caller of {@code lane} would wait: the pause left, then its place behind this and higher lanes. */
    private synchronized long predictedWaitNanos(Lane lane) {
        long pausedNanos = TimeUnit.MILLISECONDS.toNanos(budget.pausedForMillis());
        double rate = budget.ratePerSecond();
        if (Double.isInfinite(rate)) {
            return pausedNanos;
        }
        long ahead = 0;
        for (Lane higher : Lane.values()) {
            if (higher.ordinal() <= lane.ordinal()) {
                ahead += depth(higher);
            }
        }
        long missingTokens = Math.max(0, ahead + 1 - budget.available());
        return pausedNanos + (long) (missingTokens / rate * 1_000_000_000L);
    }

    private void shed(Lane lane, String context, String reason) {
        shedCounters.computeIfAbsent(lane.label() + '|' + reason, key -> Counter
                .builder("fundraising_twenty_gate_shed").description("Callers answered 503 at once instead of queueing past their deadline")
                .tags("lane", lane.label(), "reason", reason).register(metrics)).increment();
        LogEvent.of(TwentyGate.class, "twenty_gate_shed").with("lane", lane.label()).with("context", context)
                .with("reason", reason).info("caller shed: its wait would outlast its deadline");
    }

    /** Stops granting tokens to every lane for {@code duration} (a 429 means the shared key is spent). */
    public void pause(Duration duration) {
        budget.pause(duration);
        synchronized (this) {
            rateLimitedAt.addLast(Instant.now());
            trimRateLimitHistory();
        }
    }

    public synchronized GateSnapshot snapshot() {
        trimRateLimitHistory();
        Map<String, Integer> depths = new LinkedHashMap<>();
        int queued = 0;
        for (Lane lane : Lane.values()) {
            int depth = depth(lane);
            depths.put(lane.label(), depth);
            queued += depth;
        }
        long pauseLeftMs = budget.pausedForMillis();
        long available = budget.available();
        double drainSeconds = pauseLeftMs / 1000.0
                + (Double.isInfinite(budget.ratePerSecond()) ? 0 : Math.max(0, queued - available) / budget.ratePerSecond());
        return new GateSnapshot(
                available == Long.MAX_VALUE ? null : available,
                ratePerMinute, burst, depths, queued,
                pauseLeftMs > 0 ? Instant.now().plusMillis(pauseLeftMs).toString() : null,
                rateLimitedAt.size(),
                Math.round(drainSeconds * 10) / 10.0);
    }

    private int depth(Lane lane) {
        synchronized (this) {
            int depth = 0;
            for (Waiter waiter : queues.get(lane)) {
                if (!waiter.isSettled()) {
                    depth++;
                }
            }
            return depth;
        }
    }

    /** Starts granting unless a pump is running or a wake-up timer will start one. */
    private void pump() {
        synchronized (this) {
            if (pumping || timerPending || !hasWaiters()) {
                return;
            }
            pumping = true;
        }
        drive();
    }

    /**
     * Takes tokens and grants them while waiters and tokens last. A budget that answers at once (in process) is
     * looped over rather than recursed into; one that answers later (Redis) continues from its callback.
     */
    private void drive() {
        while (true) {
            AtomicInteger phase = new AtomicInteger(SUBSCRIBING);
            long[] immediate = new long[1];
            budget.tryTake().subscribe().with(wait -> {
                if (phase.compareAndSet(SUBSCRIBING, ANSWERED_AT_ONCE)) {
                    immediate[0] = wait;
                } else if (afterTake(wait)) {
                    drive();
                }
            }, failure -> {
                // The shared budget is unreachable: wait a moment rather than spend tokens nobody counted.
                LogEvent.of(TwentyGate.class, "twenty_gate_budget_unavailable").with("reason", String.valueOf(failure.getMessage()))
                        .warn("rate budget unavailable; retrying in 1 s");
                long retry = TimeUnit.SECONDS.toNanos(1);
                if (!phase.compareAndSet(SUBSCRIBING, ANSWERED_AT_ONCE)) {
                    if (afterTake(retry)) {
                        drive();
                    }
                } else {
                    immediate[0] = retry;
                }
            });
            if (phase.compareAndSet(SUBSCRIBING, ANSWERS_LATER)) {
                return;
            }
            if (!afterTake(immediate[0])) {
                return;
            }
        }
    }

    /** Grants the token just taken (or schedules a wake-up); true when the pump should take another. */
    private boolean afterTake(long wait) {
        Waiter next;
        synchronized (this) {
            if (wait > 0) {
                scheduleWake(wait);
                return false;
            }
            if (!hasWaiters()) {
                pumping = false;
                budget.giveBack();
                return false;
            }
            next = nextWaiter();
        }
        grant(next);
        synchronized (this) {
            if (!hasWaiters()) {
                pumping = false;
                return false;
            }
            return true;
        }
    }

    /** Called with the lock held; ends this pump and wakes a new one later. */
    private void scheduleWake(long nanos) {
        pumping = false;
        timerPending = true;
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + 999_999));
        vertx.setTimer(millis, id -> {
            synchronized (this) {
                timerPending = false;
            }
            pump();
        });
    }

    private boolean hasWaiters() {
        for (ArrayDeque<Waiter> queue : queues.values()) {
            while (!queue.isEmpty() && queue.peekFirst().isSettled()) {
                queue.pollFirst();
            }
            if (!queue.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private Waiter nextWaiter() {
        for (ArrayDeque<Waiter> queue : queues.values()) {
            if (!queue.isEmpty()) {
                return queue.pollFirst();
            }
        }
        throw new IllegalStateException("no waiter");
    }

    private void grant(Waiter waiter) {
        if (!waiter.settle()) {
            budget.giveBack();
            return;
        }
        long waited = System.nanoTime() - waiter.enqueuedAt;
        waitTimers.computeIfAbsent(waiter.lane.label() + '|' + waiter.context, key -> Timer
                        .builder("fundraising_twenty_gate_wait")
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .tags("lane", waiter.lane.label(), "context", String.valueOf(waiter.context))
                        .register(metrics))
                .record(waited, TimeUnit.NANOSECONDS);
        Duration waitedFor = Duration.ofNanos(waited);
        if (waiter.vertxContext != null && waiter.vertxContext != Vertx.currentContext()) {
            waiter.vertxContext.runOnContext(ignored -> waiter.emitter.complete(waitedFor));
        } else {
            waiter.emitter.complete(waitedFor);
        }
    }

    private void trimRateLimitHistory() {
        Instant hourAgo = Instant.now().minus(Duration.ofHours(1));
        while (!rateLimitedAt.isEmpty() && rateLimitedAt.peekFirst().isBefore(hourAgo)) {
            rateLimitedAt.pollFirst();
        }
    }

    private static final class Waiter {
        final Lane lane;
        final String context;
        final long enqueuedAt;
        final UniEmitter<? super Duration> emitter;
        final Context vertxContext;
        /** Granted, shed, timed out or cancelled: whichever comes first wins, exactly once. */
        private final AtomicBoolean settled = new AtomicBoolean();

        Waiter(Lane lane, String context, long enqueuedAt, UniEmitter<? super Duration> emitter, Context vertxContext) {
            this.lane = lane;
            this.context = context;
            this.enqueuedAt = enqueuedAt;
            this.emitter = emitter;
            this.vertxContext = vertxContext;
        }

        boolean settle() {
            return settled.compareAndSet(false, true);
        }

        boolean isSettled() {
            return settled.get();
        }
    }
}
