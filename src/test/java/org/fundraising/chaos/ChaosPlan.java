package org.fundraising.chaos;

import java.time.Duration;

/**
 * How much work the chaos harness throws at the service and how hard Twenty misbehaves meanwhile. Every gift has
 * an amount no other gift has, so what reached Twenty is checked gift by gift.
 *
 * @param csvRows         rows of one CSV gift batch (new donors): import, donor-match, create-donors, process
 * @param stripeEvents    signed Checkout events, each a one-off gift of a new donor
 * @param goCardlessEvents signed payment confirmations on existing Direct Debit agreements
 * @param agreements      the Direct Debit agreements those payments are spread over
 * @param repeatEvery     every n-th event is delivered twice under its own id, and every n-th (offset) again under another id
 * @param manualGifts     gifts posted through {@code POST /gifts}, each with its own Idempotency-Key
 * @param kills           SIGKILLs of the service, each followed by a restart on the same data and port
 * @param killEvery       time between kills
 * @param outage          one span in which Twenty fails every call
 * @param errorShare      share of Twenty calls answered 500/503
 * @param timeoutShare    share never answered (half of them on writes that are stored first)
 * @param resetShare      share whose connection is closed
 * @param storms          429 storms (alternately with and without {@code Retry-After}), 25 calls each
 * @param ratePerMinute   the emulator's throttle (Twenty allows about 100); the service's gate runs at 80 % of it
 */
public record ChaosPlan(int csvRows, int stripeEvents, int goCardlessEvents, int agreements, int repeatEvery, int manualGifts,
                        int kills, Duration killEvery, Duration outage, double errorShare, double timeoutShare,
                        double resetShare, int storms, int ratePerMinute) {

    /** The figures: about ten minutes here. */
    public static ChaosPlan full() {
        return new ChaosPlan(1000, 200, 100, 10, 10, 100, 3, Duration.ofSeconds(45), Duration.ofSeconds(60),
                0.10, 0.05, 0.02, 4, Integer.getInteger("chaos.rate", 600));
    }

    /** The same storm, small enough for every CI run. */
    public static ChaosPlan fast() {
        return new ChaosPlan(120, 24, 12, 3, 6, 12, 1, Duration.ofSeconds(12), Duration.ofSeconds(8),
                0.10, 0.05, 0.02, 2, 0);
    }

    public int expectedGifts() {
        return csvRows + stripeEvents + goCardlessEvents + manualGifts;
    }
}
