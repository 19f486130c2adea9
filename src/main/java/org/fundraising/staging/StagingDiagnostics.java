package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.donor.DonorMatch;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.TextRules;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The processing diagnostics of a staged gift and the auto-process decision: blockers, warnings, identity
 * confidence, the intake source's trust (manual entry high, CSV low, anything else medium), and the donor
 * matcher's evidence.
 */
public final class StagingDiagnostics {

    /** The donor's email belongs to a person with another name: a person decides which donor this is. */
    public static final String DONOR_EMAIL_CONFLICT = "donor_email_conflict";

    /** Who has the email, in the words a reviewer reads. */
    public static ObjectNode emailConflict(DonorMatch.Candidate owner, String email) {
        ObjectNode out = JsonNodeFactory.instance.objectNode().put("personId", owner.id()).put("personName", owner.name());
        out.put("email", email);
        out.put("message", "The email " + email + " belongs to " + (owner.name() == null ? "another person" : owner.name())
                + " (" + owner.id() + "): use that donor, or change the email");
        return out;
    }

    /** Adds a warning code to the row's {@code processingWarnings}, once. */
    public static void addWarning(ObjectNode diagnostics, String warning) {
        ArrayNode warnings = diagnostics.path("processingWarnings").isArray()
                ? (ArrayNode) diagnostics.get("processingWarnings")
                : diagnostics.putArray("processingWarnings");
        for (JsonNode existing : warnings) {
            if (warning.equals(existing.asText())) {
                return;
            }
        }
        warnings.add(warning);
    }

    /** The donor's email mixes writing systems: perhaps a look-alike of another donor's; never created unseen. */
    public static final String MIXED_SCRIPT_EMAIL = "mixed_script_email";

    /** What the diagnostics decided: whether the gift is posted now, and the row's dedupe status. */
    public record Evaluation(ObjectNode diagnostics, boolean autoProcess, String identityConfidence,
                             String dedupeStatus) {
    }

    private StagingDiagnostics() {
    }

    /**
     * @param autoProcessAllowed false on routes that only stage ({@code POST /gift-staging}, or staging that was
     *                           asked for review); the decision then records why
     */
    public static Evaluation evaluate(GiftDraft draft, IdentityEvidence evidence, boolean autoProcessDefault,
                                      boolean autoProcessAllowed, Instant now) {
        JsonNode columns = draft.columns();
        boolean org = draft.orgIntent();
        boolean named = draft.has("donorFirstName") && draft.has("donorLastName");
        String confidence = confidence(evidence, draft, named);

        List<String> blockers = new ArrayList<>();
        if (org && !draft.has("companyId")) {
            blockers.add("company_missing_for_org_intent");
        }
        if (!org && !draft.has("donorId") && !named) {
            blockers.add("identity_missing");
        }
        boolean recurringIntent = GiftInput.RECURRING_INTENT.contains(columns.path("giftIntent").asText(""))
                || (draft.has("recurringStatus") && !draft.text("recurringStatus").isBlank())
                || columns.path("recurringMetadata").isObject();
        if (recurringIntent && !draft.has("recurringAgreementId")) {
            blockers.add("recurring_agreement_missing");
        }
        if (!draft.has("giftDate")) {
            blockers.add("gift_date_missing");
        }

        List<String> warnings = new ArrayList<>();
        if ("weak".equals(confidence)) {
            warnings.add("identity_low_confidence");
        }
        addIfMissing(warnings, draft, "appealId", "appeal_missing");
        addIfMissing(warnings, draft, "fundId", "fund_missing");
        addIfMissing(warnings, draft, "opportunityId", "opportunity_missing");
        addIfMissing(warnings, draft, "giftPayoutId", "payout_missing");
        addIfMissing(warnings, draft, "paymentMethod", "payment_method_missing");
        if (draft.giftDateDefaulted()) {
            warnings.add("gift_date_defaulted");
        }
        if (!evidence.possibleDuplicates().isEmpty()) {
            warnings.add("possible_duplicate_donor");
        }
        if (evidence.emailConflict() != null) {
            warnings.add(DONOR_EMAIL_CONFLICT);
        }
        if (draft.has("donorEmail") && TextRules.mixedScript(draft.text("donorEmail"))) {
            warnings.add(MIXED_SCRIPT_EMAIL);
        }
        if (!draft.ignoredFields().isEmpty()) {
            warnings.add("unknown_fields_ignored");
        }

        boolean eligible = blockers.isEmpty();
        String trust = trust(draft.text("intakeSource"));
        boolean requested = draft.autoProcessRequested() != null ? draft.autoProcessRequested() : autoProcessDefault;
        String reason = !requested ? "not_requested"
                : !autoProcessAllowed ? "staging_only"
                : evidence.source() == IdentityEvidence.Source.REVIEW ? "donor_needs_review"
                : !eligible ? "blocked"
                : trustAllows(trust, confidence) ? "eligible"
                : "low".equals(trust) ? "low_trust_needs_strong_identity" : "medium_trust_needs_strong_or_explicit_identity";
        boolean auto = "eligible".equals(reason);

        ObjectNode diagnostics = JsonNodeFactory.instance.objectNode();
        diagnostics.put("processingEligibility", eligible ? "eligible" : "blocked");
        strings(diagnostics.putArray("processingBlockers"), blockers);
        strings(diagnostics.putArray("processingWarnings"), warnings);
        diagnostics.put("identityConfidence", confidence);
        diagnostics.put("trustLevel", trust);
        diagnostics.putObject("autoProcess").put("requested", requested).put("decided", auto).put("reason", reason);
        if (evidence.match() != null) {
            diagnostics.set("identityResolution", resolution(evidence, draft.text("donorId"), now));
        }
        if (!evidence.possibleDuplicates().isEmpty()) {
            strings(diagnostics.putArray("possibleDuplicates"), evidence.possibleDuplicates());
        }
        if (evidence.emailConflict() != null) {
            diagnostics.set("donorEmailConflict", emailConflict(evidence.emailConflict(), draft.text("donorEmail")));
        }
        if (!draft.ignoredFields().isEmpty()) {
            strings(diagnostics.putArray("ignoredFields"), draft.ignoredFields());
        }
        diagnostics.put("evaluatedAt", now.toString());
        String dedupe = switch (evidence.source()) {
            case MATCHED -> StagingStatuses.MATCHED_EXISTING;
            case REVIEW -> StagingStatuses.NEEDS_REVIEW;
            default -> draft.has("dedupeStatus") ? draft.text("dedupeStatus") : StagingStatuses.PENDING;
        };
        return new Evaluation(diagnostics, auto, confidence, dedupe);
    }

    /** {@code manual_ui} (or none) is high trust, {@code csv_import} low, anything else medium. */
    static String trust(String intakeSource) {
        String source = intakeSource == null ? "" : intakeSource.trim().toLowerCase(Locale.ROOT);
        return source.isEmpty() || "manual_ui".equals(source) ? "high" : "csv_import".equals(source) ? "low" : "medium";
    }

    private static boolean trustAllows(String trust, String confidence) {
        return switch (trust) {
            case "high" -> true;
            case "medium" -> "strong".equals(confidence) || "explicit".equals(confidence);
            default -> "strong".equals(confidence);
        };
    }

    private static String confidence(IdentityEvidence evidence, GiftDraft draft, boolean named) {
        if (evidence.source() == IdentityEvidence.Source.MATCHED) {
            return "strong";
        }
        if (evidence.source() == IdentityEvidence.Source.REVIEW) {
            return "weak";
        }
        if (draft.has("donorId") || draft.has("companyId")) {
            return "explicit";
        }
        return named ? "weak" : "none";
    }

    /**
     * The matcher's verdict as the row keeps it ({@code processingDiagnostics.identityResolution}): status,
     * reason, the action taken, the donor linked, the candidates with their scores, and when.
     */
    public static ObjectNode resolution(IdentityEvidence evidence, String donorId, Instant now) {
        DonorMatch match = evidence.match();
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("status", match.status());
        out.put("reason", match.reason());
        out.put("action", switch (evidence.source()) {
            case MATCHED -> "linked";
            case CREATED -> "created_donor";
            case REVIEW -> "needs_review";
            default -> "recorded";
        });
        out.put("matchedDonorId", evidence.source() == IdentityEvidence.Source.REVIEW ? null : donorId);
        out.put("score", match.score());
        strings(out.putArray("candidateDonorIds"), match.candidateDonorIds());
        ArrayNode candidates = out.putArray("candidates");
        match.candidates().forEach(c -> {
            ObjectNode candidate = candidates.addObject().put("id", c.id()).put("score", c.score());
            strings(candidate.putArray("matchedFields"), c.matchedFields());
        });
        out.put("processedAt", now.toString());
        return out;
    }

    private static void addIfMissing(List<String> warnings, GiftDraft draft, String column, String warning) {
        if (!draft.has(column)) {
            warnings.add(warning);
        }
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }
}
