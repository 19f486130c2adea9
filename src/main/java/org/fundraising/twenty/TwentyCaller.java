package org.fundraising.twenty;

import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * On whose behalf a Twenty call is made: its lane, a stable context name for logs and metrics
 * (e.g. {@code gift.create}), the credential it uses, the request id to forward, and the moment after which no
 * further call may start for it (interactive requests have one; background work waits its turn instead).
 * A call made for a person always carries that person's token: only a {@link #system} caller uses the service's
 * own key, and only code that runs for no caller (probes, runs, the webhook worker) builds one. {@code attempts},
 * when given, counts every request sent on the caller's behalf.
 */
public record TwentyCaller(Lane lane, String context, String userToken, String requestId, boolean system,
                           long deadlineNanos, LongAdder attempts) {

    /** No deadline: the caller waits for its turn however long the queue. */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    public TwentyCaller {
        if (!system && (userToken == null || userToken.isBlank())) {
            throw new IllegalArgumentException("a caller acting for a person needs that person's token");
        }
        if (system && userToken != null) {
            throw new IllegalArgumentException("a system caller uses the service key, never a person's token");
        }
    }

    /** Background work: the service's own key, a fresh request id, no deadline. */
    public static TwentyCaller system(Lane lane, String context) {
        return new TwentyCaller(lane, context, null, UUID.randomUUID().toString(), true, NO_DEADLINE, null);
    }

    /**
     * A background run: the service's key, the run's id as request id (so its calls are found in Twenty's and our
     * logs), and a counter of the attempts it sent, for the run's own account of its Twenty calls.
     */
    public static TwentyCaller run(Lane lane, String context, String runId, LongAdder attempts) {
        return new TwentyCaller(lane, context, null, runId, true, NO_DEADLINE, Objects.requireNonNull(attempts));
    }

    /** A person's request: their token, their request id, and the deadline of their request. */
    public static TwentyCaller person(Lane lane, String context, String token, String requestId, long deadlineNanos) {
        return new TwentyCaller(lane, context, Objects.requireNonNull(token, "token"), requestId, false, deadlineNanos, null);
    }

    public boolean actsForUser() {
        return !system;
    }

    /** The same caller, counting in {@code counter} every request sent on its behalf. */
    public TwentyCaller counting(LongAdder counter) {
        return new TwentyCaller(lane, context, userToken, requestId, system, deadlineNanos, Objects.requireNonNull(counter));
    }

    public boolean hasDeadline() {
        return deadlineNanos != NO_DEADLINE;
    }
}
