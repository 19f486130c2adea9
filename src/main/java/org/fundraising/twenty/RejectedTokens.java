package org.fundraising.twenty;

import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User tokens that Twenty refused, remembered by hash for a short while, so that a client retrying with a bad
 * token cannot spend the shared Twenty budget.
 */
@ApplicationScoped
class RejectedTokens {

    private record Rejection(int status, long until) {
    }

    private final Map<String, Rejection> rejected = new ConcurrentHashMap<>();
    private final long ttlMillis;

    RejectedTokens(FundraisingConfig config) {
        this.ttlMillis = config.twenty().rejectedTokenTtlMs();
    }

    void remember(String token, int status) {
        if (rejected.size() > 10_000) {
            long now = System.currentTimeMillis();
            rejected.values().removeIf(r -> r.until < now);
        }
        rejected.put(hash(token), new Rejection(status, System.currentTimeMillis() + ttlMillis));
    }

    /** The status Twenty gave this token, if it refused it recently; else 0. */
    int rejectionOf(String token) {
        if (rejected.isEmpty()) {
            return 0;
        }
        Rejection rejection = rejected.get(hash(token));
        if (rejection == null) {
            return 0;
        }
        if (rejection.until < System.currentTimeMillis()) {
            rejected.remove(hash(token));
            return 0;
        }
        return rejection.status;
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
