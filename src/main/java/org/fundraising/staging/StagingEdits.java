package org.fundraising.staging;

import org.fundraising.platform.JsonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.Money;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reviewer edits of a staging row: an absent field is untouched, {@code null}
 * (or "") clears it, and every edit reaches both the Twenty column, which processing posts, and the audit copy.
 * The flat money fields of the original's form are folded into Twenty's CURRENCY columns.
 */
public final class StagingEdits {

    public static final InputSchema<StagingEdit> EDITABLE = statuses(InputSchema.of("Gift staging", StagingEdit.class),
            StagingStatuses.PROCESSING_STATUSES)
            .custom("donorFirstName", Kind.TEXT, GiftInput::name)
            .custom("donorLastName", Kind.TEXT, GiftInput::name)
            .custom("donorEmail", Kind.TEXT, GiftInput::email)
            .custom("amountMicros", Kind.COUNT, value -> JsonNodeFactory.instance.numberNode(micros(value, true)))
            .custom("currencyCode", Kind.TEXT, value -> JsonNodeFactory.instance.textNode(currency(value)))
            .custom("feeAmountMicros", Kind.COUNT, value -> JsonNodeFactory.instance.numberNode(micros(value, false)))
            .custom("feeCurrencyCode", Kind.TEXT, value -> JsonNodeFactory.instance.textNode(currency(value)))
            .custom("giftIntent", GiftInput.INTENT_VALUES, GiftInput::intent)
            .custom("estimatedValue", Kind.NUMBER, GiftInput::estimatedValue);

    /** {@code PATCH /gift-staging/:id/status}: statuses, the error, the batch and the audit copy. */
    public static final InputSchema<StagingStatusChange> STATUS = statuses(InputSchema.of("Gift staging status",
            StagingStatusChange.class), StagingStatuses.PROCESSING_STATUSES)
            .custom("rawPayload", Kind.JSON, StagingEdits::rawPayload);

    /** The flat money fields and the CURRENCY column each belongs to. */
    private static final Map<String, String[]> MONEY = Map.of("amount", new String[]{"amountMicros", "currencyCode"},
            "feeAmount", new String[]{"feeAmountMicros", "feeCurrencyCode"});

    private StagingEdits() {
    }

    /**
     * The three statuses, each read against its vocabulary ({@code processing} the processing statuses this route
     * may set); a blank status is refused, never taken as "clear it".
     */
    static <R extends Record> InputSchema<R> statuses(InputSchema<R> schema, Set<String> processing) {
        return schema
                .custom("processingStatus", processing, value -> GiftInput.vocabulary(value, processing))
                .custom("validationStatus", StagingStatuses.VALIDATION_STATUSES, value -> GiftInput.vocabulary(value, StagingStatuses.VALIDATION_STATUSES))
                .custom("dedupeStatus", StagingStatuses.DEDUPE_STATUSES, value -> GiftInput.vocabulary(value, StagingStatuses.DEDUPE_STATUSES));
    }

    /** The PATCH for Twenty: changed columns and the audit copy with the same changes. */
    static ObjectNode patch(JsonNode row, ObjectNode edits) {
        ObjectNode columns = JsonNodeFactory.instance.objectNode();
        edits.fields().forEachRemaining(edit -> {
            if (MONEY.values().stream().noneMatch(parts -> parts[0].equals(edit.getKey()) || parts[1].equals(edit.getKey()))) {
                columns.set(edit.getKey(), edit.getValue());
            }
        });
        MONEY.forEach((column, parts) -> {
            if (!edits.has(parts[0]) && !edits.has(parts[1])) {
                return;
            }
            if (edits.has(parts[0]) && edits.get(parts[0]).isNull()) {
                columns.set(column, NullNode.getInstance());
                return;
            }
            JsonNode current = row.path(column);
            JsonNode micros = edits.has(parts[0]) ? edits.get(parts[0]) : current.path("amountMicros");
            String currency = edits.has(parts[1]) ? edits.get(parts[1]).asText()
                    : current.path("currencyCode").asText(row.path("amount").path("currencyCode").asText(""));
            if (micros.isMissingNode() || micros.isNull()) {
                throw ApiException.invalid(List.of(new FieldError(parts[0], "is required with " + parts[1])));
            }
            columns.putObject(column).set("amountMicros", micros);
            ((ObjectNode) columns.get(column)).put("currencyCode", currency);
        });
        JsonNode existing = StagingRecords.rawPayload(row);
        ObjectNode raw = existing != null ? existing.deepCopy() : rebuilt(row);
        columns.fields().forEachRemaining(change -> {
            if (change.getValue().isNull()) {
                raw.remove(change.getKey());
            } else {
                raw.set(change.getKey(), change.getValue());
            }
        });
        ObjectNode patch = columns.deepCopy();
        patch.set("rawPayload", raw);
        return patch;
    }

    /** The audit copy of a row that has none (made in Twenty's UI): its columns as they stand. */
    private static ObjectNode rebuilt(JsonNode row) {
        ObjectNode raw = JsonNodeFactory.instance.objectNode();
        row.fields().forEachRemaining(field -> {
            boolean system = List.of("id", "createdAt", "updatedAt", "deletedAt", "createdBy", "updatedBy", "position",
                    "rawPayload", "processingDiagnostics").contains(field.getKey());
            if (!system && !field.getValue().isNull()) {
                raw.set(field.getKey(), field.getValue());
            }
        });
        return raw;
    }

    private static long micros(JsonNode value, boolean positive) {
        return Money.micros(value, positive ? Money.Sign.POSITIVE : Money.Sign.NON_NEGATIVE);
    }

    private static String currency(JsonNode value) {
        return Money.currency(value);
    }

    private static JsonNode rawPayload(JsonNode value) {
        JsonNode parsed = JsonText.object(value);
        if (parsed == null) {
            throw new IllegalArgumentException("must be a JSON object, or a string holding one");
        }
        return parsed;
    }
}
