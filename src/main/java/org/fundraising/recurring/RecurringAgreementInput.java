package org.fundraising.recurring;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Count;
import org.fundraising.platform.Uuid;

import java.time.Instant;
import java.time.LocalDate;

/** The body of {@code POST} and {@code PATCH /recurring-agreements}; {@code contactId} is accepted for {@code donorId}. */
@RegisterForReflection
public record RecurringAgreementInput(
        @JsonAlias("contactId") @Uuid String donorId,
        RecurringAgreementResource.Status status,
        Cadence cadence,
        @Count(min = 1) Long intervalCount,
        Amount amount,
        LocalDate startDate,
        LocalDate endDate,
        LocalDate nextExpectedAt,
        Boolean autoProcessEnabled,
        String defaultAppealId,
        String defaultFundId,
        JsonNode defaultSoftCreditJson,
        String giftAidDeclarationId,
        RecurringAgreementResource.Provider provider,
        String providerAgreementId,
        String providerPaymentMethodId,
        String mandateReference,
        JsonNode providerContext,
        String source,
        Instant canceledAt,
        Instant completedAt,
        Instant statusUpdatedAt) {

    /** How often a payment is due ({@code custom}: on dates the provider sets). */
    public enum Cadence { WEEKLY, MONTHLY, QUARTERLY, ANNUAL, CUSTOM }
}
