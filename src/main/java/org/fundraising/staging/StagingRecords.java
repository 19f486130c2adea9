package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.fundraising.gift.ReceiptPolicy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staging rows as the original's clients read them (original-system §1.3): the list item with the amount
 * flattened to {@code amountMicros/currencyCode}, receipt fields from the audit copy (plus {@code companyId} and
 * {@code giftId}, which the original's list lacked), and the detail model that adds {@code rawPayload} as a JSON string.
 */
public final class StagingRecords {

    public static final String OBJECT = "giftStagings";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> TEXT_COLUMNS = List.of("processingStatus", "validationStatus", "dedupeStatus",
            "errorDetail", "intakeSource", "sourceFingerprint", "externalId", "giftBatchId");
    private static final List<String> DETAIL_COLUMNS = List.of("giftDate", "expectedAt", "paymentMethod");
    private static final List<String> DONOR_COLUMNS = List.of("donorId", "donorFirstName", "donorLastName", "donorEmail",
            "fundId", "appealId", "appealSegmentId", "trackingCodeId", "opportunityId", "giftIntent");

    private StagingRecords() {
    }

    public static Map<String, Object> listItem(JsonNode row) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", text(row, "id"));
        item.put("createdAt", text(row, "createdAt"));
        item.put("updatedAt", text(row, "updatedAt"));
        TEXT_COLUMNS.forEach(column -> item.put(column, text(row, column)));
        item.put("autoProcess", row.path("autoProcess").asBoolean(false));
        item.put("amountMicros", micros(row.path("amount")));
        item.put("currencyCode", currency(row.path("amount")));
        item.put("feeAmountMicros", micros(row.path("feeAmount")));
        item.put("feeCurrencyCode", micros(row.path("feeAmount")) == null ? null : currency(row.path("feeAmount")));
        DETAIL_COLUMNS.forEach(column -> item.put(column, text(row, column)));
        item.put("giftAidEligible", row.path("giftAidEligible").asBoolean(false));
        DONOR_COLUMNS.forEach(column -> item.put(column, text(row, column)));
        item.put("isInKind", row.path("isInKind").asBoolean(false));
        item.put("inKindDescription", text(row, "inKindDescription"));
        item.put("estimatedValue", row.path("estimatedValue").isNumber() ? row.get("estimatedValue").numberValue() : null);
        item.put("provider", text(row, "provider"));
        item.put("providerPaymentId", text(row, "providerPaymentId"));
        item.put("providerContext", object(row.path("providerContext")));
        item.put("recurringAgreementId", text(row, "recurringAgreementId"));
        item.put("giftPayoutId", text(row, "giftPayoutId"));
        item.put("companyId", text(row, "companyId"));
        item.put("giftId", text(row, "giftId"));
        JsonNode raw = rawPayload(row);
        item.put("rawPayloadAvailable", raw != null);
        item.put("notes", text(row, "notes"));
        JsonNode receipt = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
        ReceiptPolicy.FIELDS.forEach(field -> item.put(field, text(receipt, field)));
        item.put("receiptWarnings", ReceiptPolicy.warnings(receipt, row));
        item.put("processingDiagnostics", object(row.path("processingDiagnostics")));
        return item;
    }

    public static Map<String, Object> detail(JsonNode row) {
        Map<String, Object> detail = listItem(row);
        JsonNode raw = rawPayload(row);
        detail.put("rawPayload", raw == null ? null : raw.toString());
        return detail;
    }

    /** The audit copy, whether Twenty holds it as JSON or, as the original wrote it, as a JSON string. */
    public static JsonNode rawPayload(JsonNode row) {
        JsonNode raw = row.path("rawPayload");
        if (raw.isObject()) {
            return raw;
        }
        if (raw.isTextual() && !raw.asText().isBlank()) {
            try {
                JsonNode parsed = JSON.readTree(raw.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (Exception unreadable) {
                return null;
            }
        }
        return null;
    }

    public static Long micros(JsonNode amount) {
        JsonNode micros = amount.path("amountMicros");
        if (micros.isNumber()) {
            return micros.longValue();
        }
        // Releases differ: amountMicros may come back as a numeric string.
        if (micros.isTextual() && micros.asText().matches("-?\\d+")) {
            return Long.parseLong(micros.asText());
        }
        return null;
    }

    public static String currency(JsonNode amount) {
        return text(amount, "currencyCode");
    }

    static String text(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isNull() || value.isMissingNode() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Object object(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value;
    }
}
