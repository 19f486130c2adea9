package org.fundraising.gift;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.fundraising.platform.Amount;
import org.fundraising.platform.Required;
import org.fundraising.platform.Uuid;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Every field a gift body may carry, on any route: the gift record's own fields first, then its receipt's (only
 * {@code PATCH /gifts/:id} sets them), then what intake takes besides ({@code POST /gifts} and
 * {@code POST /gift-staging}), then a person's donor decision ({@code POST /gifts}), then what only a staged row has.
 * Each route accepts its own part of this one declaration (see {@link GiftInput}).
 */
@RegisterForReflection
public record GiftFields(
        @Required Amount amount,
        Amount feeAmount,
        @JsonAlias("contactId") @Uuid String donorId,
        @Uuid String companyId,
        String donorFirstName,
        String donorLastName,
        String donorEmail,
        @Uuid String appealId,
        @Uuid String opportunityId,
        @Uuid String recurringAgreementId,
        @Uuid String giftPayoutId,
        @Uuid String giftBatchId,
        String fundId,
        String appealSegmentId,
        String trackingCodeId,
        LocalDate giftDate,
        String name,
        String notes,
        String externalId,
        String paymentMethod,
        String intakeSource,
        String provider,
        String providerPaymentId,
        String recurringStatus,
        String inKindDescription,
        String giftIntent,
        BigDecimal estimatedValue,
        Boolean giftAidEligible,
        Boolean isInKind,
        JsonNode recurringMetadata,
        // The receipt's fields.
        ReceiptStatus receiptStatus,
        Instant receiptSentAt,
        String receiptPolicyApplied,
        ReceiptChannel receiptChannel,
        String receiptTemplateVersion,
        String receiptError,
        String receiptDedupeKey,
        // What intake takes besides.
        Contact contact,
        LocalDate expectedAt,
        String sourceFingerprint,
        String providerAgreementId,
        String description,
        Boolean autoProcess,
        JsonNode providerContext,
        // A person's answer to "is this a donor we have?": create a new one, or let a reviewer decide.
        String donorDecision,
        // What only a staged row has.
        String processingStatus,
        String validationStatus,
        String dedupeStatus,
        String organizationName,
        Boolean isAnonymous,
        String donorPhone,
        JsonNode donorAddress) {

    /** The receipt's fields, which only an edit of the gift sets. */
    public static final List<String> RECEIPT = List.of("receiptStatus", "receiptSentAt", "receiptPolicyApplied",
            "receiptChannel", "receiptTemplateVersion", "receiptError", "receiptDedupeKey");
    /** What intake takes besides the gift's own fields. */
    public static final List<String> INTAKE = List.of("contact", "expectedAt", "sourceFingerprint",
            "providerAgreementId", "description", "autoProcess", "providerContext");
    public static final List<String> DECISION = List.of("donorDecision");
    /** What only a staged row has. */
    public static final List<String> STAGING = List.of("processingStatus", "validationStatus", "dedupeStatus",
            "organizationName", "isAnonymous", "donorPhone", "donorAddress");

    /** A receipt's state. */
    public enum ReceiptStatus { PENDING, SENT, FAILED, SUPPRESSED }

    /** How a receipt goes out. */
    public enum ReceiptChannel { EMAIL, NONE }

    /** The original's contact block: the donor's name, and an email if known. */
    @RegisterForReflection
    public record Contact(String firstName, String lastName, String email) {
    }
}
