package org.fundraising.twenty;

import io.smallrye.mutiny.Uni;

import java.time.Duration;

/**
 * The token bucket behind the gate, one per Twenty API key: in this process ({@link LocalRateBudget}) or shared
 * by all replicas through Redis. The pause after a 429 lives here too, since it belongs to the key, not the process.
 */
public interface RateBudget {

    /** Takes one token: 0 when taken, else the nanoseconds until one may be (a pause counts). */
    Uni<Long> tryTake();

    /** Gives back a token that was taken but not spent (its caller went away). */
    void giveBack();

    /** No token for anyone for {@code duration}: Twenty answered 429. */
    void pause(Duration duration);

    /** Tokens available now, as last known (for the rate-budget report); {@code Long.MAX_VALUE} when unlimited. */
    long available();

    /** Milliseconds left of a pause, as last known. */
    long pausedForMillis();

    double ratePerSecond();
}
