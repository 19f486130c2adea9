package org.fundraising.recurring;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Pattern;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Ids;
import org.fundraising.platform.InputSchema;
import org.hibernate.validator.constraints.Range;

import java.time.Instant;
import java.time.LocalDate;

/** The body of {@code POST} and {@code PATCH /recurring-agreements}; {@code contactId} is accepted for {@code donorId}. */
@RegisterForReflection
public record RecurringAgreementInput(
        @JsonAlias("contactId") @Pattern(regexp = Ids.UUID_REGEX, message = Ids.NOT_UUID) String donorId,
        RecurringAgreementResource.Status status,
        Cadence cadence,
        @Range(min = 1, max = InputSchema.MAX_COUNT, message = InputSchema.COUNT_RANGE) Long intervalCount,
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
