package org.fundraising.auth;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many tokens never seen accepted by Twenty may be checked with Twenty: a small share of the gate's rate for
 * everyone together, and a smaller one per client address, so that made-up tokens cannot spend the budget that
 * known users need. Two Bucket4j buckets are consulted: the address's first, then the shared one.
 */
@ApplicationScoped
class VerificationBudget {

    /** Addresses remembered at most; idle ones (full buckets) are dropped first when the map grows past it. */
    private static final int MAX_ADDRESSES = 10_000;

    private final Bucket shared;
    private final int perAddressPerMinute;
    private final Map<String, Bucket> perAddress = new ConcurrentHashMap<>();

    VerificationBudget(FundraisingConfig config) {
        FundraisingConfig.Auth auth = config.auth();
        this.shared = bucket(auth.verifyPerMinute(), auth.verifyBurst());
        this.perAddressPerMinute = auth.verifyPerAddressPerMinute();
    }

    /** Zero when a check may be made now (one permit spent); else how long until one may. */
    Duration take(String address) {
        if (perAddress.size() >= MAX_ADDRESSES) {
            perAddress.values().removeIf(bucket -> bucket.getAvailableTokens() >= perAddressPerMinute);
        }
        Bucket mine = perAddress.computeIfAbsent(address, key -> bucket(perAddressPerMinute, perAddressPerMinute));
        ConsumptionProbe own = mine.tryConsumeAndReturnRemaining(1);
        if (!own.isConsumed()) {
            return Duration.ofNanos(own.getNanosToWaitForRefill());
        }
        ConsumptionProbe all = shared.tryConsumeAndReturnRemaining(1);
        if (!all.isConsumed()) {
            mine.addTokens(1);
            return Duration.ofNanos(all.getNanosToWaitForRefill());
        }
        return Duration.ZERO;
    }

    private static Bucket bucket(int perMinute, int burst) {
        int capacity = Math.max(1, burst);
        return Bucket.builder().addLimit(Bandwidth.builder()
                .capacity(capacity)
                .refillGreedy(Math.max(1, perMinute), Duration.ofMinutes(1))
                .initialTokens(capacity)
                .build()).build();
    }
}
