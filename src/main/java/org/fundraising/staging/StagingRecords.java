package org.fundraising.staging;

import org.fundraising.platform.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.gift.ReceiptPolicy;
import org.fundraising.platform.Money;

import java.util.List;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * Staging rows as the original's clients read them: the list item with the amount
 * flattened to {@code amountMicros/currencyCode}, receipt fields from the audit copy (plus {@code companyId} and
 * {@code giftId}, which the original's list lacked), and the detail model that adds {@code rawPayload} as a JSON string.
 */
public final class StagingRecords {

    public static final String OBJECT = FundraisingSchema.GIFT_STAGING.plural();

    private StagingRecords() {
    }

    public static StagingRow listItem(JsonNode row) {
        JsonNode raw = rawPayload(row);
        JsonNode receipt = raw == null ? JsonNodeFactory.instance.objectNode() : raw;
        // Receipt fields are read trimmed from the audit copy; warnings about a receipt need a receipt to speak of.
        boolean hasReceipt = ReceiptPolicy.FIELDS.stream().anyMatch(field -> trimmed(text(receipt, field)) != null);
        Long feeMicros = Money.storedMicros(row.path("feeAmount"));
        return new StagingRow(text(row, "id"), text(row, "createdAt"), text(row, "updatedAt"),
                text(row, "processingStatus"), text(row, "validationStatus"), text(row, "dedupeStatus"), text(row, "errorDetail"),
                text(row, "intakeSource"), text(row, "sourceFingerprint"), text(row, "externalId"), text(row, "giftBatchId"),
                row.path("autoProcess").asBoolean(false),
                Money.storedMicros(row.path("amount")), text(row.path("amount"), "currencyCode"),
                feeMicros, feeMicros == null ? null : text(row.path("feeAmount"), "currencyCode"),
                text(row, "giftDate"), text(row, "expectedAt"), text(row, "paymentMethod"),
                row.path("giftAidEligible").asBoolean(false),
                text(row, "donorId"), text(row, "donorFirstName"), text(row, "donorLastName"), text(row, "donorEmail"),
                text(row, "fundId"), text(row, "appealId"), text(row, "appealSegmentId"), text(row, "trackingCodeId"),
                text(row, "opportunityId"), text(row, "giftIntent"),
                row.path("isInKind").asBoolean(false), text(row, "inKindDescription"),
                row.path("estimatedValue").isNumber() ? row.get("estimatedValue").numberValue() : null,
                text(row, "provider"), text(row, "providerPaymentId"), object(row.path("providerContext")),
                text(row, "recurringAgreementId"), text(row, "giftPayoutId"), text(row, "companyId"), text(row, "giftId"),
                raw != null, text(row, "notes"),
                trimmed(text(receipt, "receiptStatus")), trimmed(text(receipt, "receiptPolicyApplied")),
                trimmed(text(receipt, "receiptChannel")), trimmed(text(receipt, "receiptDedupeKey")),
                trimmed(text(receipt, "receiptSentAt")), trimmed(text(receipt, "receiptError")),
                trimmed(text(receipt, "receiptTemplateVersion")),
                hasReceipt ? ReceiptPolicy.warnings(receipt, row) : List.of(),
                object(row.path("processingDiagnostics")));
    }

    private static String trimmed(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    public static StagingRow.Detail detail(JsonNode row) {
        JsonNode raw = rawPayload(row);
        return new StagingRow.Detail(listItem(row), raw == null ? null : raw.toString());
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

    /** The name under which an edit or a processing of a row holds it, so that neither works from a stale read. */
    public static String lockName(String stagingId) {
        return "giftStaging:" + stagingId.toLowerCase(java.util.Locale.ROOT);
    }

    public static String text(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isNull() || value.isMissingNode() || value.asText().isEmpty() ? null : value.asText();
    }

    private static JsonNode object(JsonNode value) {
        return value.isNull() || value.isMissingNode() ? null : value;
    }
}
