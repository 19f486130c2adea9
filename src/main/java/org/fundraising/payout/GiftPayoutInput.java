package org.fundraising.payout;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Count;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The body of {@code POST} and {@code PATCH /gift-payouts}: a deposit from a payment provider or bank and how it
 * reconciles; amounts may be negative (fees, variances).
 */
@RegisterForReflection
public record GiftPayoutInput(
        String sourceSystem,
        String payoutReference,
        LocalDate depositDate,
        Amount depositGrossAmount,
        Amount depositFeeAmount,
        Amount depositNetAmount,
        @Count Long expectedItemCount,
        GiftPayoutResource.Status status,
        Amount varianceAmount,
        String varianceReason,
        String note,
        Instant confirmedAt,
        Amount matchedGrossAmount,
        Amount matchedFeeAmount,
        @Count Long matchedGiftCount,
        @Count Long pendingStagingCount,
        String name) {
}
