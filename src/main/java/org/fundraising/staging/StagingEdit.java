package org.fundraising.staging;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.fundraising.platform.Ids;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * The body of {@code PATCH /gift-staging/:id}: a reviewer's edits of a staged row, with the original form's flat
 * money fields ({@code amountMicros} and {@code currencyCode}, the fee's likewise). The required ones may not be cleared.
 */
@RegisterForReflection
public record StagingEdit(
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String donorId,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String companyId,
        String donorFirstName,
        String donorLastName,
        String donorEmail,
        @NotNull(message = "is required") Long amountMicros,
        @NotNull(message = "is required") String currencyCode,
        Long feeAmountMicros,
        String feeCurrencyCode,
        LocalDate giftDate,
        LocalDate expectedAt,
        String fundId,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String appealId,
        String appealSegmentId,
        String trackingCodeId,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String opportunityId,
        String giftIntent,
        String inKindDescription,
        Boolean isInKind,
        BigDecimal estimatedValue,
        String notes,
        Boolean giftAidEligible,
        String paymentMethod,
        @NotNull(message = "is required") StagingStatuses.Processing processingStatus,
        @NotNull(message = "is required") StagingStatuses.Validation validationStatus,
        @NotNull(message = "is required") StagingStatuses.Dedupe dedupeStatus,
        String errorDetail,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String giftBatchId,
        @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String giftPayoutId) {
}
