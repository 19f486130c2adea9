package org.fundraising.gift;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.donor.DonorIdentity;

import java.util.List;

/**
 * A gift as it arrived, checked and normalised: {@code columns} under the staging row's column names (what
 * processing later posts), {@code extras} the accepted fields Twenty has no column for (kept in the audit copy).
 */
public record GiftDraft(ObjectNode columns, ObjectNode extras, Boolean autoProcessRequested, List<String> ignoredFields,
                        boolean giftDateDefaulted) {

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
