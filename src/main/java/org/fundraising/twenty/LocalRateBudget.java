package org.fundraising.twenty;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A Bucket4j token bucket in this process: {@code ratePerMinute} sustained, {@code burst} at once; 0 = unlimited. */
public final class LocalRateBudget implements RateBudget {

    private final Bucket bucket;
    private final double ratePerSecond;
    /** On the monotonic clock, so that wall-clock adjustments cannot shorten a pause. */
    private volatile long pausedUntilNanos = System.nanoTime();

    public LocalRateBudget(int ratePerMinute, int burst) {
        int capacity = Math.max(1, burst);
        this.ratePerSecond = ratePerMinute <= 0 ? Double.POSITIVE_INFINITY : ratePerMinute / 60.0;
        this.bucket = ratePerMinute <= 0 ? null : Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(ratePerMinute, Duration.ofMinutes(1))
                        .initialTokens(capacity)
                        .build())
                .build();
    }

    @Override
    public Uni<Long> tryTake() {
        return Uni.createFrom().item(takeNow());
    }

    long takeNow() {
        long paused = pausedUntilNanos - System.nanoTime();
        if (paused > 0) {
            return paused;
        }
        if (bucket == null) {
            return 0L;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0L : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack() {
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    @Override
    public synchronized void pause(Duration duration) {
        pausedUntilNanos = Math.max(pausedUntilNanos, System.nanoTime() + duration.toNanos());
    }

    @Override
    public long available() {
        return bucket == null ? Long.MAX_VALUE : bucket.getAvailableTokens();
    }

    @Override
    public long pausedForMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(pausedUntilNanos - System.nanoTime()));
    }

    @Override
    public double ratePerSecond() {
        return ratePerSecond;
    }
}
