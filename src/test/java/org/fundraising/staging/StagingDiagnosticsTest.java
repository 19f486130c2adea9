package org.fundraising.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.donor.DonorMatch;
import org.fundraising.gift.GiftDraft;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Original-system §3.4: blockers, warnings, identity confidence, and the trust × identity auto-process matrix. */
class StagingDiagnosticsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DonorMatch EXACT = new DonorMatch(DonorMatch.AUTO_LINKED, "name_and_email", "p1", 1.0,
            List.of(new DonorMatch.Candidate("p1", 1.0, List.of("firstName", "lastName", "email"))));
    private static final DonorMatch NAME_ONLY = new DonorMatch(DonorMatch.PARTIAL_MATCH_REVIEW, "name_only", null, 0.5,
            List.of(new DonorMatch.Candidate("p1", 0.5, List.of("firstName", "lastName"))));

    private static GiftDraft draft(String intakeSource, String identity, Boolean autoProcess) {
        ObjectNode columns = JSON.createObjectNode();
        columns.putObject("amount").put("amountMicros", 1_000_000).put("currencyCode", "GBP");
        columns.put("giftDate", "2026-11-20").put("intakeSource", intakeSource);
        columns.put("donorFirstName", "Ada").put("donorLastName", "Lovelace");
        if (!"weak".equals(identity)) {
            columns.put("donorId", "p1");
        }
        return new GiftDraft(columns, JSON.createObjectNode(), autoProcess, List.of(), false, null);
    }

    private static IdentityEvidence evidence(String identity) {
        return switch (identity) {
            case "strong" -> IdentityEvidence.of(IdentityEvidence.Source.MATCHED, EXACT);
            case "explicit" -> IdentityEvidence.explicit();
            case "review" -> IdentityEvidence.of(IdentityEvidence.Source.REVIEW, NAME_ONLY);
            default -> IdentityEvidence.of(IdentityEvidence.Source.UNRESOLVED, NAME_ONLY);
        };
    }

    @ParameterizedTest(name = "{0} trust, {1} identity → auto {2}")
    @CsvSource({
            "manual_ui,    strong,   true,  eligible",
            "manual_ui,    explicit, true,  eligible",
            "manual_ui,    weak,     false, blocked",
            "stripe_webhook, strong, true,  eligible",
            "stripe_webhook, explicit, true, eligible",
            "stripe_webhook, review, false, donor_needs_review",
            "csv_import,   strong,   true,  eligible",
            "csv_import,   explicit, false, low_trust_needs_strong_identity",
            "CSV_IMPORT,   explicit, false, low_trust_needs_strong_identity",
            "gocardless_webhook, explicit, true, eligible",
    })
    void theAutoProcessMatrix(String source, String identity, boolean auto, String reason) {
        GiftDraft draft = draft(source.trim(), identity.trim(), true);
        if ("weak".equals(identity.trim())) {
            draft.columns().remove("donorFirstName");
        }
        StagingDiagnostics.Evaluation evaluation = StagingDiagnostics.evaluate(draft, evidence(identity.trim()), false, true, Instant.EPOCH);
        assertEquals(auto, evaluation.autoProcess());
        assertEquals(reason, evaluation.diagnostics().path("autoProcess").path("reason").asText());
    }

    @Test
    void theDefaultDecidesWhenTheGiftDoesNotSayAndStagingOnlyRoutesNeverPost() {
        assertEquals(true, StagingDiagnostics.evaluate(draft("manual_ui", "explicit", null), IdentityEvidence.explicit(), true, true,
                Instant.EPOCH).autoProcess());
        assertEquals(false, StagingDiagnostics.evaluate(draft("manual_ui", "explicit", null), IdentityEvidence.explicit(), false, true,
                Instant.EPOCH).autoProcess());
        assertEquals("staging_only", StagingDiagnostics.evaluate(draft("manual_ui", "explicit", true), IdentityEvidence.explicit(),
                false, false, Instant.EPOCH).diagnostics().path("autoProcess").path("reason").asText());
    }

    @Test
    void blockersAndWarnings() {
        GiftDraft recurring = draft("manual_ui", "explicit", true);
        recurring.columns().put("giftIntent", "recurring");
        StagingDiagnostics.Evaluation blocked = StagingDiagnostics.evaluate(recurring, IdentityEvidence.explicit(), false, true, Instant.EPOCH);
        assertEquals("blocked", blocked.diagnostics().path("processingEligibility").asText());
        assertEquals("[\"recurring_agreement_missing\"]", blocked.diagnostics().path("processingBlockers").toString());
        assertEquals(false, blocked.autoProcess());

        GiftDraft anonymous = draft("manual_ui", "explicit", false);
        anonymous.columns().remove("donorId");
        anonymous.columns().remove("donorFirstName");
        StagingDiagnostics.Evaluation missing = StagingDiagnostics.evaluate(anonymous, IdentityEvidence.explicit(), false, true, Instant.EPOCH);
        assertEquals("[\"identity_missing\"]", missing.diagnostics().path("processingBlockers").toString());
        assertEquals("none", missing.identityConfidence());

        GiftDraft weak = draft("manual_ui", "weak", false);
        StagingDiagnostics.Evaluation warned = StagingDiagnostics.evaluate(weak, evidence("weak"), false, true, Instant.EPOCH);
        assertEquals("[\"identity_low_confidence\",\"appeal_missing\",\"fund_missing\",\"opportunity_missing\","
                + "\"payout_missing\",\"payment_method_missing\"]", warned.diagnostics().path("processingWarnings").toString());
        assertEquals("weak", warned.identityConfidence());
        assertEquals("pending", warned.dedupeStatus());
        assertEquals("matched_existing", StagingDiagnostics.evaluate(draft("manual_ui", "strong", false), evidence("strong"), false,
                true, Instant.EPOCH).dedupeStatus());
    }
}
