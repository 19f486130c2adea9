package org.fundraising.twenty;

import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.TwentyConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What Twenty last said of each caller token, remembered by SHA-256 hash (never the token) for a while: tokens it
 * accepted skip verification and use the normal lanes; tokens it refused are refused here without asking Twenty
 * again, so neither a retrying client nor a flood of made-up tokens can spend the shared budget. The service's own
 * key is accepted from the start.
 */
@ApplicationScoped
public class TokenTrust {

    /** Above this many entries, expired ones are dropped; if none are, new ones are not remembered (and re-asked). */
    private static final int MAX_ENTRIES = 20_000;

    public enum Standing { ACCEPTED, REFUSED, UNKNOWN }

    private record Verdict(boolean accepted, int status, long untilNanos) {
    }

    private final Map<String, Verdict> verdicts = new ConcurrentHashMap<>();
    private final long acceptedTtlNanos;
    private final long refusedTtlNanos;
    private final String serviceKeyHash;

    TokenTrust(FundraisingConfig config, TwentyConfig twenty) {
        this.acceptedTtlNanos = config.auth().acceptedTokenTtl().toNanos();
        this.refusedTtlNanos = config.twenty().rejectedTokenTtl().toNanos();
        this.serviceKeyHash = twenty.serviceKey().map(TokenTrust::hash).orElse(null);
    }

    public Standing standing(String token) {
        String hash = hash(token);
        if (hash.equals(serviceKeyHash)) {
            return Standing.ACCEPTED;
        }
        Verdict verdict = current(hash);
        return verdict == null ? Standing.UNKNOWN : verdict.accepted ? Standing.ACCEPTED : Standing.REFUSED;
    }

    /** The status Twenty gave a refused token (401 or 403); 0 when it is not refused now. */
    public int refusalOf(String token) {
        Verdict verdict = current(hash(token));
        return verdict != null && !verdict.accepted ? verdict.status : 0;
    }

    /** The verdict on this hash while it lasts; an expired one is dropped. */
    private Verdict current(String hash) {
        Verdict verdict = verdicts.get(hash);
        if (verdict != null && verdict.untilNanos - System.nanoTime() < 0) {
            verdicts.remove(hash, verdict);
            return null;
        }
        return verdict;
    }

    void accepted(String token) {
        remember(hash(token), new Verdict(true, 200, System.nanoTime() + acceptedTtlNanos));
    }

    void refused(String token, int status) {
        remember(hash(token), new Verdict(false, status, System.nanoTime() + refusedTtlNanos));
    }

    private void remember(String hash, Verdict verdict) {
        if (verdicts.size() >= MAX_ENTRIES && !verdicts.containsKey(hash)) {
            long now = System.nanoTime();
            verdicts.values().removeIf(v -> v.untilNanos - now < 0);
            if (verdicts.size() >= MAX_ENTRIES) {
                return;
            }
        }
        verdicts.put(hash, verdict);
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
