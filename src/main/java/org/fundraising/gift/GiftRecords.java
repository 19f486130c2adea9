package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.platform.Ids;
import org.fundraising.platform.Money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * The gift a staging row becomes: built from the row's columns, which reviewers and Twenty's own UI
 * edit, never from the audit copy; its id is derived from the row's, so posting a row twice can only ever find
 * the first gift.
 */
public final class GiftRecords {

    public static final String OBJECT = FundraisingSchema.GIFT.plural();

    /** Staging columns that a gift has too. */
    private static final List<String> GIFT_COLUMNS = List.of("name", "amount", "giftDate", "expectedAt", "externalId", "paymentMethod",
            "donorFirstName", "donorLastName", "donorEmail", "provider", "providerPaymentId", "intakeSource", "notes",
            "recurringStatus", "recurringMetadata", "giftIntent", "isInKind", "inKindDescription", "estimatedValue",
            "giftAidEligible", "fundId", "appealSegmentId", "trackingCodeId", "donorId", "companyId", "opportunityId",
            "appealId", "recurringAgreementId", "giftPayoutId", "giftBatchId", "isAnonymous");

    private GiftRecords() {
    }

    /** The name under which changes computed from a gift's fields (its refunds, its money) hold it. */
    public static String lockName(String giftId) {
        return "gift:" + giftId.toLowerCase(Locale.ROOT);
    }

    /** Gifts read and written as the original's routes answer them, an absent one a 404 naming it. */
    public static TwentyObject object(TwentyClient twenty) {
        return new TwentyObject(twenty, OBJECT, "gift", "Gift");
    }

    public static String giftIdFor(String stagingId) {
        return Ids.derived("gift:" + stagingId);
    }

    public static String personIdFor(String stagingId) {
        return Ids.derived("person:" + stagingId);
    }

    /** Why a row cannot become a gift as it stands; empty when it can. */
    public static Optional<String> missingForGift(JsonNode row) {
        List<String> missing = new ArrayList<>();
        if (blank(row.path("donorId")) && blank(row.path("companyId")) && !isAnonymous(row)) {
            missing.add("donorId or companyId");
        }
        Long micros = Money.storedMicros(row.path("amount"));
        if (micros == null || micros <= 0) {
            missing.add("amount.amountMicros > 0");
        }
        if (!Money.isCurrency(row.path("amount").path("currencyCode").asText(""))) {
            missing.add("amount.currencyCode (ISO 4217)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("Staging row missing required fields for gift creation: " + String.join(", ", missing));
    }

    /** An explicitly anonymous gift: it is posted with no donor. */
    public static boolean isAnonymous(JsonNode row) {
        return row.path("isAnonymous").asBoolean(false);
    }

    /** The gift body for a staging row, receipt fields included (re-applied at posting). */
    public static ObjectNode fromStagingRow(JsonNode row, JsonNode receipt, ZoneId zone) {
        ObjectNode gift = JsonNodeFactory.instance.objectNode();
        gift.put("id", giftIdFor(row.path("id").asText()));
        for (String column : GIFT_COLUMNS) {
            JsonNode value = row.get(column);
            if (value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty())) {
                gift.set(column, value);
            }
        }
        JsonNode fee = row.path("feeAmount");
        if (Money.storedMicros(fee) != null && Money.isCurrency(fee.path("currencyCode").asText(""))) {
            gift.set("feeAmount", fee);
        }
        if (!gift.has("recurringMetadata") && row.path("providerContext").isObject()) {
            gift.set("recurringMetadata", row.get("providerContext"));
        }
        if (!gift.has("giftDate")) {
            // A row made outside the service without a date: the gift was received when the row was.
            gift.put("giftDate", receivedOn(row, zone).toString());
        }
        if (!gift.has("name")) {
            gift.put("name", describe(row, gift.get("giftDate").asText()));
        }
        receipt.fields().forEachRemaining(field -> {
            if (!field.getValue().isNull()) {
                gift.set(field.getKey(), field.getValue());
            }
        });
        return gift;
    }

    /** A label for Twenty's screens, e.g. "Ada Lovelace · 15.50 GBP · 2026-11-27". */
    public static String describe(JsonNode columns, String date) {
        String donor = String.join(" ", List.of(columns.path("donorFirstName").asText(""), columns.path("donorLastName").asText(""))).trim();
        String who = isAnonymous(columns) ? "Anonymous gift" : !donor.isEmpty() ? donor
                : columns.hasNonNull("companyId") ? "Organisation gift" : "Gift";
        return who + " · " + money(columns.path("amount")) + " · " + date;
    }

    static String money(JsonNode amount) {
        String code = amount.path("currencyCode").asText("");
        Long micros = Money.storedMicros(amount);
        return BigDecimal.valueOf(micros == null ? 0 : micros).movePointLeft(6)
                .setScale(Money.fractionDigits(code), RoundingMode.HALF_UP).toPlainString() + " " + code;
    }

    private static LocalDate receivedOn(JsonNode row, ZoneId zone) {
        try {
            return OffsetDateTime.parse(row.path("createdAt").asText()).atZoneSameInstant(zone).toLocalDate();
        } catch (Exception noCreatedAt) {
            return LocalDate.now(zone);
        }
    }

    private static boolean blank(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isBlank();
    }
}
