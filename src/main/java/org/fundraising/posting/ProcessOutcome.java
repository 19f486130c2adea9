package org.fundraising.posting;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What {@code POST /gift-staging/:id/process} did with the row: {@code processed} (with the gift's id),
 * {@code deferred} (with the reason: not ready, locked, back to review…), or {@code error} (with the kind of
 * error and the detail written on the row). Fields that do not apply are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProcessOutcome(String status, String stagingId, String giftId, String reason, String error, String errorDetail) {

    static ProcessOutcome processed(String stagingId, String giftId) {
        return new ProcessOutcome("processed", stagingId, giftId, null, null, null);
    }

    static ProcessOutcome deferred(String stagingId, String reason, String detail) {
        return new ProcessOutcome("deferred", stagingId, null, reason, null, detail);
    }

    static ProcessOutcome error(String stagingId, String error, String giftId, String detail) {
        return new ProcessOutcome("error", stagingId, giftId, null, error, detail);
    }
}
