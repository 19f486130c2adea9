package org.fundraising.twenty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.RedisStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/** The gate's budget: in this process, or in Redis (shared by replicas) when the store is Redis. */
@ApplicationScoped
class RateBudgets {

    @Produces
    @Singleton
    RateBudget budget(FundraisingConfig config, TwentyConfig twenty, OperationalStore store) {
        int rate = config.twenty().ratePerMinute();
        int burst = config.twenty().burst();
        if (store instanceof RedisStore redis && rate > 0) {
            return new RedisRateBudget(redis, budgetKey(twenty), rate, burst);
        }
        return new LocalRateBudget(rate, burst);
    }

    /** Twenty limits per key, so replicas using one key share one budget; the key itself never reaches Redis. */
    static String budgetKey(TwentyConfig twenty) {
        String identity = twenty.serviceKey().orElse("") + "@" + twenty.configuredBaseUrl().orElse("embedded");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
