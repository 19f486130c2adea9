package org.fundraising.platform.store;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The service's operational state (never CRM data): idempotency records, run checkpoints, leases and the webhook
 * inbox. A write that completes has reached durable storage, so a crash right after loses nothing.
 * Embedded ({@link EmbeddedStore}, files under {@code FUNDRAISING_DATA_DIR}) or Redis ({@link RedisStore}).
 */
public interface OperationalStore {

    Uni<Optional<String>> get(String key);

    /** Stores {@code value}; {@code ttl} null keeps it until deleted. */
    Uni<Void> put(String key, String value, Duration ttl);

    /** Stores {@code value} only if the key is absent (or expired); true when stored. */
    Uni<Boolean> putIfAbsent(String key, String value, Duration ttl);

    /**
     * Replaces the value only if it currently equals {@code expected} ({@code null}: absent); a {@code null}
     * {@code value} deletes. True when replaced.
     */
    Uni<Boolean> compareAndSet(String key, String expected, String value, Duration ttl);

    Uni<Void> delete(String key);

    /** Appends to a durable queue; completes with the entry id once the entry is on disk. */
    Uni<String> enqueue(String queue, String payload);

    /**
     * Appends to a durable queue unless {@code onceKey} is already stored, and stores it (for {@code ttl}) in the same
     * write: an entry id when appended, empty when the key was there (a repeat). One write, so a crash can never leave
     * the key without its entry.
     */
    Uni<Optional<String>> enqueueOnce(String queue, String onceKey, String payload, Duration ttl);

    /**
     * A change and what follows from it in one write: each key is set to its new value (for {@code ttl}, required)
     * and {@code payload} appended to the queue, only if every key still holds its expected value; otherwise nothing
     * is written. True when written. A crash leaves both or neither, and of two callers that read the same values
     * one writes.
     */
    Uni<Boolean> swapAndEnqueue(List<Swap> swaps, Duration ttl, String queue, String payload);

    /** A key that holds {@code expected} ({@code null}: absent) and is to hold {@code value}. */
    record Swap(String key, String expected, String value) {
    }

    /**
     * Up to {@code max} entries that are due, oldest first, hidden from other claims for {@code visibility}:
     * an entry neither acknowledged, retried nor parked in that time is claimed again (at-least-once).
     */
    Uni<List<QueueEntry>> claim(String queue, int max, Duration visibility);

    /** Done with: removed for good. */
    Uni<Void> ack(String queue, String id);

    /** Not now: claimable again after {@code delay}, with its attempt count raised and the reason kept. */
    Uni<Void> retryLater(String queue, String id, Duration delay, String reason);

    /** Never claimed again until someone looks at it (see {@link #parked}). */
    Uni<Void> park(String queue, String id, String reason);

    Uni<List<QueueEntry>> parked(String queue, int max);

    /** A parked entry made due again at once, its attempts counted from zero; false when no such entry is parked. */
    Uni<Boolean> unpark(String queue, String id);

    Uni<QueueDepth> depth(String queue);

    /** Fails when the store cannot take writes (disk not writable, Redis unreachable). */
    Uni<Void> ping();

    /** What readiness shows: {@code embedded} or {@code redis}. */
    String kind();
}
