package org.fundraising.staging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The body of {@code PATCH /gift-staging/:id}: a reviewer's edits of a staged row, with the original form's flat
 * money fields ({@code amountMicros} and {@code currencyCode}, the fee's likewise). The required ones may not be cleared.
 */
@RegisterForReflection
public record StagingEdit(
        @Uuid String donorId,
        @Uuid String companyId,
        String donorFirstName,
        String donorLastName,
        String donorEmail,
        @Required Long amountMicros,
        @Required String currencyCode,
        Long feeAmountMicros,
        String feeCurrencyCode,
        LocalDate giftDate,
        LocalDate expectedAt,
        String fundId,
        @Uuid String appealId,
        String appealSegmentId,
        String trackingCodeId,
        @Uuid String opportunityId,
        String giftIntent,
        String inKindDescription,
        Boolean isInKind,
        BigDecimal estimatedValue,
        String notes,
        Boolean giftAidEligible,
        String paymentMethod,
        @Required StagingStatuses.Processing processingStatus,
        @Required StagingStatuses.Validation validationStatus,
        @Required StagingStatuses.Dedupe dedupeStatus,
        String errorDetail,
        @Uuid String giftBatchId,
        @Uuid String giftPayoutId) {
}
