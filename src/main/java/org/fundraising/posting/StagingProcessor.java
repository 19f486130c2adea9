package org.fundraising.posting;

import org.fundraising.staging.StagingDiagnostics;
import org.fundraising.staging.StagingStatuses;
import org.fundraising.staging.StagingRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.donor.DonorDecision;
import org.fundraising.donor.DonorIdentity;
import org.fundraising.donor.DonorMatcher;
import org.fundraising.donor.PersonRecords;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.platform.LogEvent;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * {@code POST /gift-staging/:id/process} and its outcome table: processed rows answer their gift, fresh
 * {@code processing} rows are locked, rows not marked ready wait, and ready or failed rows are posted from their
 * columns (a row without a donor is matched first; an ambiguous donor sends it back to review). No {@code processing} lock is written first: the gift id is derived from the row
 * id, so two concurrent or repeated runs can only find the same gift. A row left in {@code processing} longer
 * than the stale limit (a crash mid-post) is taken as unfinished and finished.
 */
@ApplicationScoped
public class StagingProcessor {

    private final TwentyClient twenty;
    private final DonorMatcher matcher;
    private final GiftPosting posting;
    private final Duration staleAfter;
    private final RecordLocks locks;
    private final Clock clock = Clock.systemUTC();

    StagingProcessor(TwentyClient twenty, DonorMatcher matcher, GiftPosting posting, RecordLocks locks,
                     FundraisingConfig config) {
        this.twenty = twenty;
        this.locks = locks;
        this.matcher = matcher;
        this.posting = posting;
        this.staleAfter = config.stagingProcessingStale();
    }

    /** Processes one row, holding it meanwhile: an edit of the row waits, then finds it processed. */
    public Uni<ProcessOutcome> process(TwentyCaller caller, String stagingId) {
        return locks.one(StagingRecords.lockName(stagingId), () -> processHeld(caller, stagingId));
    }

    private Uni<ProcessOutcome> processHeld(TwentyCaller caller, String stagingId) {
        return twenty.findById(caller, StagingRecords.OBJECT, stagingId, 0)
                .map(found -> found.orElseThrow(() -> ApiException.notFound("Gift staging record " + stagingId + " not found")))
                .chain(row -> {
                    String status = row.path("processingStatus").asText("");
                    String giftId = StagingRecords.text(row, "giftId");
                    if (StagingStatuses.PROCESSED.equals(status)) {
                        if (giftId != null) {
                            log(caller, "gift_staging_process_already_processed", stagingId);
                            return Uni.createFrom().item(ProcessOutcome.processed(stagingId, giftId));
                        }
                        log(caller, "gift_staging_process_processed_missing_gift", stagingId);
                        return deferred(stagingId, "not_ready");
                    }
                    if (StagingStatuses.PROCESSING.equals(status) && !stale(row)) {
                        log(caller, "gift_staging_process_locked", stagingId);
                        return deferred(stagingId, "locked");
                    }
                    if (!StagingStatuses.PROCESSING.equals(status) && !StagingStatuses.READY.equals(status)
                            && !StagingStatuses.FAILED.equals(status)) {
                        log(caller, "gift_staging_process_not_ready", stagingId);
                        return deferred(stagingId, "not_ready");
                    }
                    return proceed(caller, row);
                });
    }

    private Uni<ProcessOutcome> proceed(TwentyCaller caller, ObjectNode row) {
        String stagingId = row.path("id").asText();
        boolean needsDonor = StagingRecords.text(row, "donorId") == null && StagingRecords.text(row, "companyId") == null;
        DonorIdentity identity = new DonorIdentity(StagingRecords.text(row, "donorFirstName"),
                StagingRecords.text(row, "donorLastName"), StagingRecords.text(row, "donorEmail"));
        if (!needsDonor || !identity.hasName()) {
            return post(caller, row, JsonNodeFactory.instance.objectNode());
        }
        // A row without a donor is matched first, by the same matcher and table as intake: the one exact person is
        // linked, a new person is created when nobody else has the email, and anything ambiguous goes back to the
        // reviewer (so processing never fails on Twenty's unique-email rule, nor credits a guess).
        String ownPersonId = GiftRecords.personIdFor(stagingId);
        return matcher.match(caller, identity).chain(match -> {
            DonorDecision decision = DonorDecision.decide(identity, match, ownPersonId, DonorDecision.Mode.NOBODY_LOOKED);
            return switch (decision.action()) {
                case LINK -> post(caller, row, JsonNodeFactory.instance.objectNode().put("donorId", decision.donorId()));
                case CREATE -> twenty.create(caller, FundraisingSchema.PERSON.plural(), PersonRecords.newPerson(ownPersonId, identity))
                        .onItemOrFailure().transformToUni((created, failure) -> failure == null
                                ? post(caller, row, JsonNodeFactory.instance.objectNode().put("donorId", created.record().path("id").asText()))
                                : donorNotCreated(caller, row, failure));
                case REVIEW, CONFLICT -> backToReview(caller, row, decision);
            };
        });
    }

    /**
     * The donor is ambiguous: the row goes back to the queue as needing review, saying why (and, for an email that
     * belongs to a person of another name, naming that person), and nothing is posted.
     */
    private Uni<ProcessOutcome> backToReview(TwentyCaller caller, ObjectNode row, DonorDecision decision) {
        String stagingId = row.path("id").asText();
        String email = StagingRecords.text(row, "donorEmail");
        ObjectNode diagnostics = row.path("processingDiagnostics").isObject()
                ? ((ObjectNode) row.get("processingDiagnostics")).deepCopy() : JsonNodeFactory.instance.objectNode();
        String reason;
        String detail;
        if (decision.conflict() != null) {
            ObjectNode conflict = StagingDiagnostics.emailConflict(decision.conflict(), email);
            diagnostics.set("donorEmailConflict", conflict);
            StagingDiagnostics.addWarning(diagnostics, StagingDiagnostics.DONOR_EMAIL_CONFLICT);
            reason = StagingDiagnostics.DONOR_EMAIL_CONFLICT;
            detail = conflict.path("message").asText();
        } else {
            reason = "donor_needs_review";
            detail = "Several people could be this donor (" + String.join(", ", decision.match().candidateDonorIds())
                    + "): assign one, then mark the row ready again";
        }
        ObjectNode patch = JsonNodeFactory.instance.objectNode()
                .put("processingStatus", StagingStatuses.PENDING)
                .put("dedupeStatus", StagingStatuses.NEEDS_REVIEW)
                .put("errorDetail", detail);
        patch.set("processingDiagnostics", diagnostics);
        log(caller, "gift_staging_process_donor_review", stagingId);
        return twenty.update(caller, StagingRecords.OBJECT, stagingId, patch)
                .map(ignored -> ProcessOutcome.deferred(stagingId, reason, detail));
    }

    private Uni<ProcessOutcome> post(TwentyCaller caller, ObjectNode row, ObjectNode settled) {
        String stagingId = row.path("id").asText();
        Optional<String> missing = GiftRecords.missingForGift(row.deepCopy().setAll(settled));
        if (missing.isPresent()) {
            log(caller, "gift_staging_process_payload_invalid", stagingId);
            return posting.fail(caller, stagingId, missing.get()).map(ignored -> ProcessOutcome.error(stagingId, "payload_invalid", null,
                    missing.get()));
        }
        log(caller, "gift_staging_process_call_create", stagingId);
        return posting.post(caller, row, settled)
                .map(gift -> {
                    log(caller, "gift_staging_processed", stagingId);
                    return ProcessOutcome.processed(stagingId, gift.path("id").asText());
                })
                .onFailure(GiftPosting.WritebackFailed.class).recoverWithItem(failure -> ProcessOutcome.error(stagingId,
                        "writeback_failed", ((GiftPosting.WritebackFailed) failure).gift().path("id").asText(), failure.getMessage()))
                .onFailure(GiftPosting.GiftCreateFailed.class).recoverWithUni(failure -> {
                    TwentyException cause = ((GiftPosting.GiftCreateFailed) failure).twentyFailure();
                    log(caller, "gift_staging_process_create_failed", stagingId);
                    if (cause.kind() != TwentyException.Kind.REJECTED) {
                        // Twenty out of reach: say so (503/502); the row can simply be processed again.
                        return Uni.createFrom().failure(cause);
                    }
                    return Uni.createFrom().item(ProcessOutcome.error(stagingId, "gift_api_failed", null,
                            failure.getMessage()));
                });
    }

    /** Twenty refused the new donor (e.g. another person has the email): the row says why, for the reviewer. */
    private Uni<ProcessOutcome> donorNotCreated(TwentyCaller caller, ObjectNode row, Throwable failure) {
        String stagingId = row.path("id").asText();
        if (!(failure instanceof TwentyException twentyFailure) || twentyFailure.kind() != TwentyException.Kind.REJECTED) {
            return Uni.createFrom().failure(failure);
        }
        log(caller, "gift_staging_process_identity_failed", stagingId);
        String detail = "Donor could not be created: " + twentyFailure.getMessage() + (twentyFailure.isDuplicateEntry()
                ? " (a person with this email already exists: assign that donor)" : "");
        return posting.fail(caller, stagingId, detail).map(ignored -> ProcessOutcome.error(stagingId, "gift_api_failed", null,
                detail));
    }

    boolean stale(JsonNode row) {
        try {
            Instant updated = Instant.parse(row.path("updatedAt").asText());
            return updated.plus(staleAfter).isBefore(clock.instant());
        } catch (Exception noTimestamp) {
            return false;
        }
    }

    private static Uni<ProcessOutcome> deferred(String stagingId, String reason) {
        return Uni.createFrom().item(ProcessOutcome.deferred(stagingId, reason, null));
    }

    private static void log(TwentyCaller caller, String event, String stagingId) {
        LogEvent.of(StagingProcessor.class, event).with("requestId", caller.requestId()).with("stagingId", stagingId)
                .info(event.replace('_', ' '));
    }
}
