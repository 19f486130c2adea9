package org.fundraising.platform.store;

/** Entries waiting (now or later), claimed and not yet settled, and parked. */
public record QueueDepth(long waiting, long inFlight, long parked) {
}
