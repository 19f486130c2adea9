package org.fundraising.staging;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.twenty.Envelopes;

import java.util.List;

/**
 * A staged row as the queue and the review screen read it: statuses, the gift's fields with its money flat
 * ({@code amountMicros}, {@code currencyCode}), the donor as typed, the receipt fields read from the audit copy and
 * what is wrong with them, and the diagnostics of its last processing.
 */
@RegisterForReflection
public record StagingRow(
        String id, String createdAt, String updatedAt,
        String processingStatus, String validationStatus, String dedupeStatus, String errorDetail,
        String intakeSource, String sourceFingerprint, String externalId, String giftBatchId,
        boolean autoProcess,
        Long amountMicros, String currencyCode, Long feeAmountMicros, String feeCurrencyCode,
        String giftDate, String expectedAt, String paymentMethod,
        boolean giftAidEligible,
        String donorId, String donorFirstName, String donorLastName, String donorEmail,
        String fundId, String appealId, String appealSegmentId, String trackingCodeId, String opportunityId, String giftIntent,
        boolean isInKind, String inKindDescription, Number estimatedValue,
        String provider, String providerPaymentId, JsonNode providerContext,
        String recurringAgreementId, String giftPayoutId, String companyId, String giftId,
        boolean rawPayloadAvailable, String notes,
        String receiptStatus, String receiptPolicyApplied, String receiptChannel, String receiptDedupeKey,
        String receiptSentAt, String receiptError, String receiptTemplateVersion,
        List<String> receiptWarnings,
        JsonNode processingDiagnostics) {

    /** One row with its audit copy, as JSON text (the original's screens parse it). */
    @RegisterForReflection
    public record Detail(@JsonUnwrapped StagingRow row, String rawPayload) {
    }

    /** {@code {data: {giftStaging}}}. */
    @RegisterForReflection
    public record One(Data data) {
        static One of(StagingRow.Detail row) {
            return new One(new Data(row));
        }
    }

    @RegisterForReflection
    public record Data(Detail giftStaging) {
    }

    /** A page of the queue and the original's paging summary. */
    @RegisterForReflection
    public record Page(List<StagingRow> data, Envelopes.PageMeta meta) {
    }

    /** {@code {ok: true}}: a status change done, as the original answered it. */
    @RegisterForReflection
    public record Done(boolean ok) {
        static final Done OK = new Done(true);
    }
}
