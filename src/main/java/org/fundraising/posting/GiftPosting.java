package org.fundraising.posting;

import org.fundraising.staging.StagingStatuses;
import org.fundraising.staging.StagingRecords;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.gift.GiftRecords;
import org.fundraising.gift.ReceiptPolicy;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.recurring.AgreementAdvance;
import org.fundraising.twenty.CreateResult;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyException;

import java.time.ZoneId;

/**
 * Posts the gift of a staging row and settles the row, for every path (manual entry, {@code /process}, later
 * batches and webhooks): create the gift under the id derived from the row's (a repeat finds the first gift and
 * never writes a second), mark the row processed in the same call that records a donor created for it, then move
 * a linked recurring agreement on. A failed create leaves the row {@code process_failed} with the reason, never
 * stuck in {@code processing}.
 */
@ApplicationScoped
public class GiftPosting {

    /**
     * The gift could not be created; the message is the row's {@code errorDetail}, and the row says so too where it
     * could be written.
     */
    public static final class GiftCreateFailed extends RuntimeException {
        private final TwentyException twentyFailure;

        GiftCreateFailed(TwentyException twentyFailure) {
            super("Gift create failed: " + twentyFailure.getMessage(), twentyFailure, false, false);
            this.twentyFailure = twentyFailure;
        }

        public TwentyException twentyFailure() {
            return twentyFailure;
        }
    }

    /** The gift exists but the row could not be marked processed; posting the row again finishes it. */
    public static final class WritebackFailed extends RuntimeException {
        private final ObjectNode gift;

        WritebackFailed(ObjectNode gift, Throwable cause) {
            super("Gift " + gift.path("id").asText() + " was created but the staging row could not be marked processed: "
                    + cause.getMessage(), cause, false, false);
            this.gift = gift;
        }

        public ObjectNode gift() {
            return gift;
        }
    }

    private final TwentyClient twenty;
    private final ReceiptPolicy receipts;
    private final AgreementAdvance agreements;
    private final ZoneId zone;

    GiftPosting(TwentyClient twenty, ReceiptPolicy receipts, AgreementAdvance agreements, FundraisingConfig config) {
        this.twenty = twenty;
        this.receipts = receipts;
        this.agreements = agreements;
        this.zone = config.timezone();
    }

    /**
     * Posts the row's gift; answers the gift (or the one already posted for the row).
     *
     * @param row     the staging row as Twenty holds it (its columns are what is posted)
     * @param settled columns decided now that the processed mark writes too (a donor created for the row)
     */
    public Uni<ObjectNode> post(TwentyCaller caller, ObjectNode row, ObjectNode settled) {
        ObjectNode columns = row.deepCopy().setAll(settled);
        String stagingId = row.path("id").asText();
        return twenty.create(caller, GiftRecords.OBJECT, giftFor(columns, StagingRecords.rawPayload(row)))
                .onFailure(TwentyException.class).recoverWithUni(failure -> {
                    GiftCreateFailed failed = new GiftCreateFailed((TwentyException) failure);
                    return markFailed(caller, row, failed).chain(() -> Uni.createFrom().failure(failed));
                })
                .chain(created -> markProcessed(caller, stagingId, created, settled)
                        .call(marked -> advanceAgreement(caller, columns))
                        .map(marked -> created.record()));
    }

    /** The gift these staging columns make, receipt fields re-applied ({@code raw}: the audit copy, when there is one). */
    public ObjectNode giftFor(ObjectNode columns, JsonNode raw) {
        return GiftRecords.fromStagingRow(columns, receipts.apply(columns, raw), zone);
    }

    /** Marks the row {@code process_failed} with a reason a reviewer can read. */
    public Uni<Void> fail(TwentyCaller caller, String stagingId, String detail) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode().put("processingStatus", StagingStatuses.FAILED)
                .put("errorDetail", detail);
        return twenty.update(caller, StagingRecords.OBJECT, stagingId, patch).replaceWithVoid();
    }

    /** The row's reason when Twenty refused its gift, or after any failure of a row that would stay in processing. */
    private Uni<Void> markFailed(TwentyCaller caller, JsonNode row, GiftCreateFailed failed) {
        boolean rejected = failed.twentyFailure().kind() == TwentyException.Kind.REJECTED;
        boolean wouldBeStuck = StagingStatuses.PROCESSING.equals(row.path("processingStatus").asText());
        if (!rejected && !wouldBeStuck) {
            return Uni.createFrom().voidItem();
        }
        String stagingId = row.path("id").asText();
        return fail(caller, stagingId, failed.getMessage())
                .onFailure().invoke(e -> LogEvent.of(GiftPosting.class, "gift_staging_status_update_failed")
                        .with("requestId", caller.requestId()).with("stagingId", stagingId).with("reason", e.getMessage())
                        .error("row could not be marked process_failed; it is recovered as stale processing"))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<ObjectNode> markProcessed(TwentyCaller caller, String stagingId, CreateResult created, ObjectNode settled) {
        ObjectNode patch = settled.deepCopy()
                .put("processingStatus", StagingStatuses.PROCESSED)
                .put("validationStatus", StagingStatuses.PASSED)
                .put("dedupeStatus", StagingStatuses.PASSED)
                .put("giftId", created.record().path("id").asText())
                .putNull("errorDetail");
        return twenty.update(caller, StagingRecords.OBJECT, stagingId, patch)
                .map(updated -> updated.orElseThrow(() -> new IllegalStateException("staging row " + stagingId + " is gone")))
                .onFailure().transform(failure -> {
                    LogEvent.of(GiftPosting.class, "gift_staging_process_failed").with("requestId", caller.requestId())
                            .with("stagingId", stagingId).with("giftId", created.record().path("id").asText())
                            .with("reason", failure.getMessage()).error("gift created; processed writeback failed");
                    return new WritebackFailed(created.record(), failure);
                });
    }

    private Uni<Void> advanceAgreement(TwentyCaller caller, JsonNode columns) {
        String agreementId = StagingRecords.text(columns, "recurringAgreementId");
        if (agreementId == null) {
            return Uni.createFrom().voidItem();
        }
        // The gift is posted whatever happens here: the agreement's totals are recomputed at its next gift.
        return agreements.advance(caller, agreementId, StagingRecords.text(columns, "expectedAt"))
                .onFailure().invoke(e -> LogEvent.of(GiftPosting.class, "gift_staging_recurring_update_failed")
                        .with("requestId", caller.requestId()).with("recurringAgreementId", agreementId)
                        .with("reason", e.getMessage()).warn("recurring agreement not advanced"))
                .onFailure().recoverWithNull();
    }
}
