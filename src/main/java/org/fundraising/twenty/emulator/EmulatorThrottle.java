package org.fundraising.twenty.emulator;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;

/**
 * Twenty's API-key rate limit: a bucket of {@code ratePerMinute} tokens refilled
 * continuously over 60 s. 0 turns it off.
 */
final class EmulatorThrottle {

    record Verdict(boolean allowed, long retryAfterSeconds) {
    }

    final int ratePerMinute;
    final boolean retryAfter;
    private final Bucket bucket;

    EmulatorThrottle(int ratePerMinute, boolean retryAfter) {
        this.ratePerMinute = ratePerMinute;
        this.retryAfter = retryAfter;
        this.bucket = ratePerMinute <= 0 ? null : Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(ratePerMinute).refillGreedy(ratePerMinute, Duration.ofMinutes(1))
                        .initialTokens(ratePerMinute).build())
                .build();
    }

    Verdict take() {
        if (bucket == null) {
            return new Verdict(true, 0);
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return new Verdict(probe.isConsumed(), seconds);
    }

    String message() {
        return "Limit reached (" + ratePerMinute + " tokens per 60000 ms)";
    }
}
