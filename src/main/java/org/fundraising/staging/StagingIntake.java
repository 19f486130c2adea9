package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.donor.DonorMatch;
import org.fundraising.donor.DonorMatcher;
import org.fundraising.donor.PersonRecords;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.gift.GiftRecords;
import org.fundraising.gift.ReceiptPolicy;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.gift.GiftFields;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.LogEvent;
import org.fundraising.twenty.CreateResult;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes a gift into the staging queue: diagnostics and the auto-process decision, the row's columns, and the
 * audit copy ({@code rawPayload}: what arrived, normalised, with the receipt fields and the dedupe evidence the
 * original's screens read from it). The row carries the id it was given, so writing it again finds it.
 */
@ApplicationScoped
public class StagingIntake {

    /** {@code POST /gift-staging}: a gift's intake fields, plus the statuses a client may stage a row with. */
    public static final InputSchema<GiftFields> SCHEMA = StagingEdits.statuses(GiftInput.stagingSchema("Gift staging"),
                    Set.of(StagingStatuses.PENDING, StagingStatuses.READY))
            .custom("donorPhone", InputSchema.Kind.TEXT, PersonRecords::checkedPhone)
            .custom("donorAddress", InputSchema.Kind.JSON, PersonRecords::checkedAddress);

    /** The row as Twenty holds it, and whether an earlier attempt of the same intake had written it already. */
    public record Staged(ObjectNode row, boolean alreadyExisted) {
    }

    private final TwentyClient twenty;
    private final DonorMatcher matcher;
    private final ReceiptPolicy receipts;
    private final FundraisingConfig config;
    private final Clock clock;

    StagingIntake(TwentyClient twenty, DonorMatcher matcher, ReceiptPolicy receipts, FundraisingConfig config) {
        this.twenty = twenty;
        this.matcher = matcher;
        this.receipts = receipts;
        this.config = config;
        this.clock = Clock.systemUTC();
    }

    /**
     * Staging-only intake ({@code POST /gift-staging}, and later CSV and webhooks): the matcher's verdict is
     * recorded, the one exact person is linked, and nobody is created; a reviewer decides the rest.
     */
    public Uni<IdentityEvidence> evidenceForReview(TwentyCaller caller, GiftDraft draft) {
        DonorIdentity identity = draft.identity();
        if (draft.has("donorId") || draft.has("companyId") || anonymous(draft) || (!identity.hasName() && !identity.hasEmail())) {
            return Uni.createFrom().item(IdentityEvidence.explicit());
        }
        return matcher.match(caller, identity).map(match -> {
            if (DonorMatch.AUTO_LINKED.equals(match.status())) {
                draft.columns().put("donorId", match.matchedDonorId());
                return IdentityEvidence.of(IdentityEvidence.Source.MATCHED, match);
            }
            DonorMatch.Candidate emailOwner = match.emailOwnerUnderAnotherName();
            if (emailOwner != null) {
                return new IdentityEvidence(IdentityEvidence.Source.REVIEW, match, List.of(), emailOwner);
            }
            return IdentityEvidence.of(DonorMatch.PARTIAL_MATCH_REVIEW.equals(match.status())
                    ? IdentityEvidence.Source.REVIEW : IdentityEvidence.Source.UNRESOLVED, match);
        });
    }

    private static boolean anonymous(GiftDraft draft) {
        return draft.columns().path("isAnonymous").asBoolean(false);
    }

    public Uni<Staged> stage(TwentyCaller caller, String stagingId, GiftDraft draft, IdentityEvidence evidence,
                             boolean autoProcessAllowed) {
        Instant now = clock.instant();
        StagingDiagnostics.Evaluation evaluation = StagingDiagnostics.evaluate(draft, evidence,
                config.stagingAutoProcessDefault(), autoProcessAllowed, now);
        ObjectNode row = row(stagingId, draft, evidence, evaluation);
        return twenty.create(caller, StagingRecords.OBJECT, row)
                .onFailure(TwentyException.class).transform(StagingIntake::notStaged)
                .map((CreateResult created) -> {
                    LogEvent.of(StagingIntake.class, "gift_staging_stage").with("requestId", caller.requestId())
                            .with("stagingId", stagingId).with("processingStatus", row.path("processingStatus").asText())
                            .with("dedupeStatus", evaluation.dedupeStatus()).with("autoProcess", evaluation.autoProcess())
                            .with("replayed", created.alreadyExisted() ? true : null).info("gift staged");
                    return new Staged(created.record(), created.alreadyExisted());
                });
    }

    /**
     * The staging row of a gift imported in bulk (a CSV file): low trust, never auto-processed, its donor left to
     * the batch's donor-match run. The caller writes it, with many others, in one batch call.
     */
    public ObjectNode importedRow(String stagingId, GiftDraft draft) {
        IdentityEvidence evidence = draft.has("donorId") || anonymous(draft) ? IdentityEvidence.explicit()
                : IdentityEvidence.of(IdentityEvidence.Source.UNRESOLVED, null);
        StagingDiagnostics.Evaluation evaluation = StagingDiagnostics.evaluate(draft, evidence,
                config.stagingAutoProcessDefault(), false, clock.instant());
        return row(stagingId, draft, evidence, evaluation);
    }

    private ObjectNode row(String stagingId, GiftDraft draft, IdentityEvidence evidence,
                           StagingDiagnostics.Evaluation evaluation) {
        ObjectNode columns = draft.columns();
        if (!columns.hasNonNull("sourceFingerprint")) {
            columns.put("sourceFingerprint", fingerprint(columns));
        }
        ObjectNode row = columns.deepCopy();
        row.put("id", stagingId);
        if (!row.hasNonNull("name")) {
            row.put("name", GiftRecords.describe(columns, columns.path("giftDate").asText()));
        }
        row.put("autoProcess", evaluation.autoProcess());
        row.put("processingStatus", evaluation.autoProcess() ? StagingStatuses.PROCESSING
                : columns.path("processingStatus").asText(StagingStatuses.PENDING));
        row.put("validationStatus", columns.path("validationStatus").asText("pending"));
        row.put("dedupeStatus", evaluation.dedupeStatus());
        row.set("processingDiagnostics", evaluation.diagnostics());
        ObjectNode raw = columns.deepCopy().setAll(draft.extras());
        if (draft.autoProcessRequested() != null) {
            raw.put("autoProcess", draft.autoProcessRequested());
        }
        raw.setAll(receipts.apply(columns, null));
        if (evidence.match() != null) {
            raw.set("dedupeDiagnostics", dedupeDiagnostics(evidence.match(), columns.path("donorId").asText(null)));
        }
        row.set("rawPayload", raw);
        return row;
    }

    /** The original's {@code dedupeDiagnostics}, which its screens read from the audit copy. */
    private static ObjectNode dedupeDiagnostics(DonorMatch match, String donorId) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        boolean byEmail = match.candidates().stream().anyMatch(c -> c.matchedFields().contains("email"));
        out.put("matchType", DonorMatch.AUTO_LINKED.equals(match.status()) ? "email" : byEmail ? "partial"
                : match.candidates().isEmpty() ? null : "name");
        out.put("matchedDonorId", donorId);
        out.put("matchedBy", DonorMatch.AUTO_LINKED.equals(match.status()) ? "email" : match.candidates().isEmpty() ? null : "name");
        out.put("confidence", match.score());
        match.candidateDonorIds().forEach(out.putArray("candidateDonorIds")::add);
        return out;
    }

    private static String fingerprint(JsonNode columns) {
        List<String> parts = new ArrayList<>();
        Stream.of("externalId", "donorId", "companyId", "recurringAgreementId").map(columns::path)
                .filter(node -> !node.isMissingNode() && !node.isNull() && !node.asText().isEmpty())
                .forEach(node -> parts.add(node.asText()));
        parts.add(columns.path("amount").path("amountMicros").asText());
        parts.add(columns.path("amount").path("currencyCode").asText());
        return String.join("|", parts);
    }

    /** Rejected by Twenty: its reason, as is. Twenty out of reach: nothing was staged, so nothing may be posted. */
    private static Throwable notStaged(Throwable failure) {
        TwentyException twentyFailure = (TwentyException) failure;
        if (twentyFailure.kind() == TwentyException.Kind.REJECTED || twentyFailure.kind() == TwentyException.Kind.AUTH) {
            return twentyFailure;
        }
        return new ApiException(503, "The gift was not taken: its staging row could not be written ("
                + twentyFailure.getMessage() + "); retry later", twentyFailure.details(),
                twentyFailure.retryAfter() != null ? twentyFailure.retryAfter() : Duration.ofSeconds(5));
    }
}
