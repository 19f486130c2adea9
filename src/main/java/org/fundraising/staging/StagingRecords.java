package org.fundraising.staging;

import org.fundraising.platform.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.gift.ReceiptPolicy;
import org.fundraising.platform.Money;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * Staging rows as the original's clients read them: the list item with the amount
 * flattened to {@code amountMicros/currencyCode}, receipt fields from the audit copy (plus {@code companyId} and
 * {@code giftId}, which the original's list lacked), and the detail model that adds {@code rawPayload} as a JSON string.
 */
public final class StagingRecords {

    public static final String OBJECT = FundraisingSchema.GIFT_STAGING.plural();
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
        item.put("amountMicros", Money.storedMicros(row.path("amount")));
        item.put("currencyCode", text(row.path("amount"), "currencyCode"));
        item.put("feeAmountMicros", Money.storedMicros(row.path("feeAmount")));
        item.put("feeCurrencyCode", Money.storedMicros(row.path("feeAmount")) == null ? null : text(row.path("feeAmount"), "currencyCode"));
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
        // Receipt fields are read trimmed from the audit copy; warnings about a receipt need a receipt to speak of.
        ReceiptPolicy.FIELDS.forEach(field -> item.put(field, trimmed(text(receipt, field))));
        boolean hasReceipt = ReceiptPolicy.FIELDS.stream().anyMatch(field -> trimmed(text(receipt, field)) != null);
        item.put("receiptWarnings", hasReceipt ? ReceiptPolicy.warnings(receipt, row) : List.of());
        item.put("processingDiagnostics", object(row.path("processingDiagnostics")));
        return item;
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public static Map<String, Object> detail(JsonNode row) {
        Map<String, Object> detail = listItem(row);
        JsonNode raw = rawPayload(row);
        detail.put("rawPayload", raw == null ? null : raw.toString());
        return detail;
    }

    /** The audit copy, whether Twenty holds it as JSON or, as the original wrote it, as a JSON string. */
    public static JsonNode rawPayload(JsonNode row) {
        return JsonText.object(row.path("rawPayload"));
    }

    /** The staged acknowledgement: the row's id and statuses, its diagnostics and audit copy; it waits for a reviewer. */
    public static JsonNode acknowledgement(JsonNode row) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode staged = body.putObject("data").putObject("giftStaging");
        staged.put("id", row.path("id").asText());
        staged.put("autoProcess", row.path("autoProcess").asBoolean(false));
        for (String column : List.of("processingStatus", "validationStatus", "dedupeStatus", "donorId")) {
            staged.put(column, text(row, column));
        }
        staged.set("processingDiagnostics", row.path("processingDiagnostics"));
        ObjectNode meta = body.putObject("meta");
        meta.put("stagedOnly", true);
        meta.set("processingDiagnostics", row.path("processingDiagnostics"));
        JsonNode raw = rawPayload(row);
        meta.put("rawPayload", raw == null ? null : raw.toString());
        meta.put("rawPayloadAvailable", raw != null);
        return body;
    }

    public static String text(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isNull() || value.isMissingNode() || value.asText().isEmpty() ? null : value.asText();
    }

    private static Object object(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value;
    }
}
