package org.fundraising.twenty;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;

/** A Bucket4j token bucket in this process: {@code ratePerMinute} sustained, {@code burst} at once. */
public final class LocalRateBudget implements RateBudget {

    private final Bucket bucket;
    private final double ratePerSecond;

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
    public long tryTake() {
        if (bucket == null) {
            return 0;
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    @Override
    public void giveBack() {
        if (bucket != null) {
            bucket.addTokens(1);
        }
    }

    @Override
    public long available() {
        return bucket == null ? Long.MAX_VALUE : bucket.getAvailableTokens();
    }

    @Override
    public double ratePerSecond() {
        return ratePerSecond;
    }
}
