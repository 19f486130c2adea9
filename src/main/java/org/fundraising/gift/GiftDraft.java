package org.fundraising.gift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.donor.DonorDecision;
import org.fundraising.donor.DonorIdentity;

import java.util.List;

/**
 * A gift as it arrived, checked and normalised: {@code columns} under the staging row's column names (what
 * processing later posts), {@code extras} the accepted fields Twenty has no column for (kept in the audit copy).
 */
public record GiftDraft(ObjectNode columns, ObjectNode extras, Boolean autoProcessRequested, List<String> ignoredFields,
                        boolean giftDateDefaulted, String donorDecision) {

    /** Who has looked at the donor candidates: a person's explicit decision, the caller's "post it now", or nobody. */
    public DonorDecision.Mode decisionMode() {
        if ("create".equals(donorDecision)) {
            return DonorDecision.Mode.CREATE;
        }
        if ("review".equals(donorDecision)) {
            return DonorDecision.Mode.REVIEW;
        }
        return Boolean.TRUE.equals(autoProcessRequested) ? DonorDecision.Mode.CALLER_LOOKED : DonorDecision.Mode.NOBODY_LOOKED;
    }

    public DonorIdentity identity() {
        return new DonorIdentity(text("donorFirstName"), text("donorLastName"), text("donorEmail"));
    }

    public String text(String column) {
        return columns.hasNonNull(column) ? columns.get(column).asText() : null;
    }

    public boolean has(String column) {
        return columns.hasNonNull(column);
    }

    public boolean orgIntent() {
        return GiftInput.ORG_INTENTS.contains(columns.path("giftIntent").asText(""));
    }
}
