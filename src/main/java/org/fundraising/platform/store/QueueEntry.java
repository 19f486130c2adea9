package org.fundraising.platform.store;

/** One queued item as a consumer sees it; {@code attempts} counts earlier {@code retryLater}s. */
public record QueueEntry(String id, String payload, int attempts, String lastError) {
}
