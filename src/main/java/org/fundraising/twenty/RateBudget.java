package org.fundraising.twenty;

/** The token bucket behind the gate; one per Twenty API key. */
public interface RateBudget {

    /** Takes one token: 0 when taken, else the nanoseconds until one will be there. */
    long tryTake();

    /** Gives back a token that was taken but not spent (its caller went away). */
    void giveBack();

    /** Tokens available now (for the rate-budget report). */
    long available();

    double ratePerSecond();
}
