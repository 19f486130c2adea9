package org.fundraising.twenty;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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
    private final Map<String, Timer> waitTimers = new java.util.concurrent.ConcurrentHashMap<>();
    private final int ratePerMinute;
    private final int burst;
    private boolean pumping;
    private boolean timerPending;
    /** On the monotonic clock, so that wall-clock adjustments cannot shorten a pause. */
    private volatile long pausedUntilNanos = System.nanoTime();

    @jakarta.inject.Inject
    TwentyGate(FundraisingConfig config, Vertx vertx, MeterRegistry metrics) {
        this(new LocalRateBudget(config.twenty().ratePerMinute(), config.twenty().burst()),
                config.twenty().ratePerMinute(), config.twenty().burst(), vertx, metrics);
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
            metrics.gauge("fundraising_twenty_gate_queue_depth", List.of(io.micrometer.core.instrument.Tag.of("lane", lane.label())),
                    queue, q -> depth(lane));
        }
        metrics.gauge("fundraising_twenty_gate_tokens_available", this, gate -> Math.min(gate.budget.available(), 1_000_000));
    }

    /** Completes, with the time spent waiting, when the caller may send one request to Twenty. */
    public Uni<Duration> acquire(Lane lane, String context) {
        return Uni.createFrom().emitter(emitter -> {
            Waiter waiter = new Waiter(lane, context, System.nanoTime(), emitter, Vertx.currentContext());
            emitter.onTermination(() -> waiter.done = true);
            synchronized (this) {
                queues.get(lane).addLast(waiter);
            }
            pump();
        });
    }

    /** Stops granting tokens to every lane for {@code duration} (a 429 means the shared key is spent). */
    public void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        synchronized (this) {
            pausedUntilNanos = Math.max(pausedUntilNanos, until);
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
        long pauseLeftMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(pausedUntilNanos - System.nanoTime()));
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
                if (!waiter.done) {
                    depth++;
                }
            }
            return depth;
        }
    }

    private void pump() {
        synchronized (this) {
            if (pumping || timerPending) {
                return;
            }
            pumping = true;
        }
        List<Waiter> granted = new ArrayList<>();
        try {
            while (true) {
                synchronized (this) {
                    if (!hasWaiters()) {
                        pumping = false;
                        break;
                    }
                    long pauseLeft = pausedUntilNanos - System.nanoTime();
                    if (pauseLeft > 0) {
                        scheduleWake(pauseLeft);
                        break;
                    }
                    long wait = budget.tryTake();
                    if (wait > 0) {
                        scheduleWake(wait);
                        break;
                    }
                    granted.add(nextWaiter());
                }
                if (granted.size() >= 64) {
                    grantAll(granted);
                }
            }
        } finally {
            grantAll(granted);
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
            while (!queue.isEmpty() && queue.peekFirst().done) {
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

    private void grantAll(List<Waiter> granted) {
        for (Waiter waiter : granted) {
            if (waiter.done) {
                budget.giveBack();
                continue;
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
        granted.clear();
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
        volatile boolean done;

        Waiter(Lane lane, String context, long enqueuedAt, UniEmitter<? super Duration> emitter, Context vertxContext) {
            this.lane = lane;
            this.context = context;
            this.enqueuedAt = enqueuedAt;
            this.emitter = emitter;
            this.vertxContext = vertxContext;
        }
    }
}
