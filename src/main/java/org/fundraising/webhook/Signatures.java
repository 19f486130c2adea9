package org.fundraising.webhook;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * The providers' webhook signatures, checked on the raw body with the JDK's HMAC-SHA256 and compared in constant
 * time, so a forger learns nothing from how long a refusal takes.
 */
public final class Signatures {

    /** Why a delivery was refused, in words safe to answer (never the expected signature). */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    private Signatures() {
    }

    /**
     * Stripe's {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>…]}: an HMAC-SHA256 of
     * {@code "<t>.<body>"} under the endpoint secret. Any v1 may match (Stripe sends two while a secret is rolled);
     * a timestamp further than {@code tolerance} from now, in either direction, is a replay and refused.
     */
    static void verifyStripe(String header, byte[] body, String secret, Duration tolerance, Instant now) throws Refused {
        if (header == null || header.isBlank()) {
            throw new Refused("Missing stripe-signature header");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String part : header.split(",")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            if ("t".equals(key)) {
                try {
                    timestamp = Long.parseLong(value);
                } catch (NumberFormatException e) {
                    throw new Refused("Invalid Stripe signature: the timestamp is not a number");
                }
            } else if ("v1".equals(key)) {
                signatures.add(value);
            }
        }
        if (timestamp == null || signatures.isEmpty()) {
            throw new Refused("Invalid Stripe signature: t= and v1= are required");
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            throw new Refused("Invalid Stripe signature: the timestamp is outside the " + tolerance.toSeconds() + " s tolerance");
        }
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
        byte[] expected = hmac(secret, signed);
        boolean matched = false;
        for (String candidate : signatures) {
            // Every candidate is compared, so the time taken does not tell which one matched.
            matched |= MessageDigest.isEqual(expected, hexOrEmpty(candidate));
        }
        if (!matched) {
            throw new Refused("Invalid Stripe signature");
        }
    }

    /** GoCardless' {@code Webhook-Signature}: the hex HMAC-SHA256 of the body under the endpoint secret. */
    static void verifyGoCardless(String header, byte[] body, String secret) throws Refused {
        if (header == null || header.isBlank()) {
            throw new Refused("Missing webhook-signature header");
        }
        if (!MessageDigest.isEqual(hmac(secret, body), hexOrEmpty(header.trim()))) {
            throw new Refused("Invalid GoCardless signature");
        }
    }

    /**
     * Twenty's record webhooks: {@code X-Twenty-Webhook-Signature} is the hex HMAC-SHA256 of
     * {@code "<timestamp>:<body>"} under the webhook's secret, {@code X-Twenty-Webhook-Timestamp} the sending time in
     * milliseconds; a timestamp further than {@code tolerance} from now, in either direction, is a replay and refused.
     */
    static void verifyTwenty(String signature, String timestampHeader, byte[] body, String secret, Duration tolerance,
                             Instant now) throws Refused {
        if (signature == null || signature.isBlank() || timestampHeader == null || timestampHeader.isBlank()) {
            throw new Refused("Missing x-twenty-webhook-signature or x-twenty-webhook-timestamp header");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            throw new Refused("Invalid Twenty signature: the timestamp is not a number");
        }
        if (Math.abs(now.toEpochMilli() - timestamp) > tolerance.toMillis()) {
            throw new Refused("Invalid Twenty signature: the timestamp is outside the " + tolerance.toSeconds() + " s tolerance");
        }
        byte[] signed = concat((timestamp + ":").getBytes(StandardCharsets.US_ASCII), body);
        if (!MessageDigest.isEqual(hmac(secret, signed), hexOrEmpty(signature.trim()))) {
            throw new Refused("Invalid Twenty signature");
        }
    }

    /** The headers Twenty would send for {@code body} at {@code timestampMillis}, for the tests and the smoke command. */
    public static String twentySignature(String secret, long timestampMillis, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret, concat((timestampMillis + ":").getBytes(StandardCharsets.US_ASCII), body)));
    }

    /**
     * The {@code Stripe-Signature} header Stripe would send for {@code body} at {@code timestamp}: the smoke command
     * signs its test events with the deployment's own secret, as Stripe would.
     */
    public static String stripeHeader(String secret, long timestamp, byte[] body) {
        byte[] signed = concat((timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(secret, signed));
    }

    static byte[] concat(byte[] first, byte[] second) {
        byte[] out = new byte[first.length + second.length];
        System.arraycopy(first, 0, out, 0, first.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private static byte[] hmac(String secret, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static byte[] hexOrEmpty(String hex) {
        try {
            return HexFormat.of().parseHex(hex.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
