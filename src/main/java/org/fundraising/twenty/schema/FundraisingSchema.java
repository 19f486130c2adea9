package org.fundraising.twenty.schema;

import java.util.List;
import java.util.Optional;

/**
 * The Twenty data model the fundraising service works on, declared once: the schema command creates it in a
 * workspace, the embedded emulator starts with it, readiness checks it, and the service names objects from it.
 * Status fields are TEXT, not SELECT, so they hold the lowercase values (pending, ready_for_process…) that the
 * original service wrote and its clients filter on; a SELECT value must be UPPER_SNAKE.
 */
public final class FundraisingSchema {

    private static final String CURRENCY = "CURRENCY";
    private static final String NUMBER = "NUMBER";
    private static final String DATE = "DATE";
    private static final String DATE_TIME = "DATE_TIME";
    private static final String BOOLEAN = "BOOLEAN";
    private static final String RAW_JSON = "RAW_JSON";
    private static final String ADDRESS = "ADDRESS";

    public static final TwentyObjectSpec PERSON = TwentyObjectSpec.standard("person", "people", "Person", "People")
            .fields(CURRENCY, "lifetimeGiftAmount", "yearToDateGiftAmount")
            .fields(NUMBER, "lifetimeGiftCount", "yearToDateGiftCount")
            .fields(DATE, "firstGiftDate", "lastGiftDate")
            .fields(CURRENCY, "lastGiftAmount", "largestGiftAmount")
            .fields(NUMBER, "otherCurrencyGiftCount")
            .fields(ADDRESS, "mailingAddress")
            .relation("household", "household", "Members")
            .build();

    public static final TwentyObjectSpec COMPANY = TwentyObjectSpec.standard("company", "companies", "Company", "Companies")
            .fields(CURRENCY, "lifetimeGiftAmount", "yearToDateGiftAmount")
            .fields(NUMBER, "lifetimeGiftCount", "yearToDateGiftCount")
            .fields(DATE, "firstGiftDate", "lastGiftDate")
            .fields(CURRENCY, "lastGiftAmount", "largestGiftAmount")
            .fields(NUMBER, "otherCurrencyGiftCount")
            .build();

    /** The default appeal and fund of an opportunity were set up by hand for the original; here they are declared. */
    public static final TwentyObjectSpec OPPORTUNITY = TwentyObjectSpec.standard("opportunity", "opportunities",
                    "Opportunity", "Opportunities")
            .text("opportunityType", "defaultFundId")
            .fields(NUMBER, "giftsCount")
            .fields(CURRENCY, "giftsReceivedAmount")
            .relation("defaultAppeal", "appeal", "Default For Opportunities")
            .build();

    public static final TwentyObjectSpec APPEAL = TwentyObjectSpec.custom("appeal", "appeals", "Appeal", "Appeals", "IconSpeakerphone")
            .text("appealType", "description", "defaultFundId")
            .fields(DATE, "startDate", "endDate")
            .fields(CURRENCY, "goalAmount", "budgetAmount", "raisedAmount")
            .fields(NUMBER, "targetSolicitedCount", "giftCount", "donorCount", "responseRate", "costPerPound",
                    "otherCurrencyGiftCount")
            .fields(DATE_TIME, "lastGiftAt")
            .build();

    public static final TwentyObjectSpec SOLICITATION_SNAPSHOT = TwentyObjectSpec.custom("solicitationSnapshot",
                    "solicitationSnapshots", "Solicitation Snapshot", "Solicitation Snapshots", "IconCamera")
            .fields(NUMBER, "countSolicited")
            .text("source", "notes")
            .fields(DATE_TIME, "capturedAt")
            .relation("appeal", "appeal", "Solicitation Snapshots")
            .build();

    public static final TwentyObjectSpec HOUSEHOLD = TwentyObjectSpec.custom("household", "households", "Household",
                    "Households", "IconHome")
            .text("envelopeName", "salutationFormal", "salutationInformal", "lastGiftMemberName")
            .fields(ADDRESS, "mailingAddress")
            .fields(CURRENCY, "lifetimeGiftAmount", "yearToDateGiftAmount")
            .fields(NUMBER, "lifetimeGiftCount", "yearToDateGiftCount")
            .fields(DATE, "firstGiftDate", "lastGiftDate")
            .fields(CURRENCY, "lastGiftAmount", "largestGiftAmount")
            .fields(NUMBER, "otherCurrencyGiftCount")
            .relation("primaryContact", "person", "Primary Households")
            .build();

    public static final TwentyObjectSpec GIFT_PAYOUT = TwentyObjectSpec.custom("giftPayout", "giftPayouts", "Gift Payout",
                    "Gift Payouts", "IconBuildingBank")
            .text("sourceSystem", "payoutReference", "status", "varianceReason", "note")
            .fields(DATE, "depositDate")
            .fields(CURRENCY, "depositGrossAmount", "depositFeeAmount", "depositNetAmount", "varianceAmount",
                    "matchedGrossAmount", "matchedFeeAmount")
            .fields(NUMBER, "expectedItemCount", "matchedGiftCount", "pendingStagingCount")
            .fields(DATE_TIME, "confirmedAt")
            .build();

    public static final TwentyObjectSpec RECURRING_AGREEMENT = TwentyObjectSpec.custom("recurringAgreement",
                    "recurringAgreements", "Recurring Agreement", "Recurring Agreements", "IconRepeat")
            .text("status", "cadence", "defaultAppealId", "defaultFundId", "giftAidDeclarationId", "provider",
                    "providerAgreementId", "providerPaymentMethodId", "mandateReference", "source", "annualReceiptStatus",
                    "annualReceiptPeriod", "annualReceiptPolicy")
            .fields(NUMBER, "intervalCount", "paidInstallmentCount")
            .fields(CURRENCY, "amount", "totalReceivedAmount")
            .fields(DATE, "startDate", "endDate", "nextExpectedAt", "lastPaidAt")
            .fields(BOOLEAN, "autoProcessEnabled")
            .fields(RAW_JSON, "defaultSoftCreditJson", "providerContext")
            .fields(DATE_TIME, "canceledAt", "completedAt", "statusUpdatedAt", "annualReceiptSentAt")
            .relation("donor", "person", "Recurring Agreements")
            .build();

    public static final TwentyObjectSpec GIFT_BATCH = TwentyObjectSpec.custom("giftBatch", "giftBatches", "Gift Batch",
                    "Gift Batches", "IconStack")
            .text("source", "status", "trustPosture", "notes", "defaultFundId")
            .fields(NUMBER, "expectedCount", "totalCount", "processedCount")
            .fields(CURRENCY, "expectedAmount", "totalAmount", "processedAmount")
            .relation("defaultAppeal", "appeal", "Default For Gift Batches")
            .build();

    /** A refund is recorded on its gift (amount refunded so far, last refund's date, status), never by changing its amount. */
    public static final TwentyObjectSpec GIFT = TwentyObjectSpec.custom("gift", "gifts", "Gift", "Gifts", "IconGift")
            .fields(CURRENCY, "amount", "feeAmount", "refundedAmount")
            .fields(DATE, "giftDate", "expectedAt", "refundDate")
            .text("externalId", "paymentMethod", "donorFirstName", "donorLastName", "donorEmail", "provider",
                    "providerPaymentId", "intakeSource", "notes", "recurringStatus", "giftIntent", "inKindDescription",
                    "receiptStatus", "receiptPolicyApplied", "receiptChannel", "receiptTemplateVersion", "receiptError",
                    "receiptDedupeKey", "fundId", "appealSegmentId", "trackingCodeId", "refundNote", "refundStatus")
            .fields(RAW_JSON, "recurringMetadata")
            .fields(BOOLEAN, "isInKind", "giftAidEligible", "isAnonymous")
            .fields(NUMBER, "estimatedValue")
            .fields(DATE_TIME, "receiptSentAt")
            .giftLinks("Gifts")
            .build();

    public static final TwentyObjectSpec GIFT_STAGING = TwentyObjectSpec.custom("giftStaging", "giftStagings",
                    "Gift Staging", "Gift Staging", "IconInbox")
            .text("source", "intakeSource", "sourceFingerprint", "externalId", "paymentMethod", "validationStatus",
                    "dedupeStatus", "processingStatus", "provider", "providerPaymentId", "donorFirstName", "donorLastName",
                    "donorEmail", "notes", "errorDetail", "giftIntent", "inKindDescription", "organizationName", "fundId",
                    "appealSegmentId", "trackingCodeId", "recurringStatus")
            .fields(CURRENCY, "amount", "feeAmount")
            .fields(DATE, "giftDate", "expectedAt")
            .fields(BOOLEAN, "autoProcess", "giftAidEligible", "isInKind", "isAnonymous")
            .fields(RAW_JSON, "providerContext", "processingDiagnostics", "rawPayload", "recurringMetadata")
            .fields(NUMBER, "estimatedValue")
            .giftLinks("Gift Staging Rows")
            .relation("gift", "gift", "Gift Staging Rows")
            .build();

    /**
     * Every object, in an order where each relation's target comes before the object that points at it, except
     * person → household, which the schema command creates after all objects exist.
     */
    public static final List<TwentyObjectSpec> OBJECTS = List.of(PERSON, COMPANY, APPEAL, OPPORTUNITY,
            SOLICITATION_SNAPSHOT, HOUSEHOLD, GIFT_PAYOUT, RECURRING_AGREEMENT, GIFT_BATCH, GIFT, GIFT_STAGING);

    private FundraisingSchema() {
    }

    public static Optional<TwentyObjectSpec> bySingular(String singular) {
        return OBJECTS.stream().filter(object -> object.singular().equals(singular)).findFirst();
    }
}
