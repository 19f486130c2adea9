package org.fundraising.twenty;

import java.util.UUID;

/**
 * On whose behalf a Twenty call is made: its lane, a stable context name for logs and metrics
 * (e.g. {@code gift.create}), the user's token when it serves a user request, and the request id to forward.
 */
public record TwentyCaller(Lane lane, String context, String userToken, String requestId) {

    /** Background work (webhook drain, batch runs, rollups, probes): the service's own key, a fresh request id. */
    public static TwentyCaller background(Lane lane, String context) {
        return new TwentyCaller(lane, context, null, UUID.randomUUID().toString());
    }

    public boolean actsForUser() {
        return userToken != null;
    }
}
