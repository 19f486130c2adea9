package org.fundraising.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.platform.InputSchema;

import java.math.BigDecimal;

/**
 * The money forms the original accepted for appeal goals and budgets: a number or numeric string in major units
 * (GBP by default), {@code {amountMicros, currencyCode?}}, or {@code {value|amount|total|num, currencyCode|currency|ccy}}.
 * Exact decimal arithmetic throughout; negative amounts are refused.
 */
final class AppealMoney {

    private AppealMoney() {
    }

    static ObjectNode read(JsonNode value) {
        long micros;
        JsonNode currency = null;
        if (value.isNumber() || value.isTextual()) {
            micros = InputSchema.micros(decimal(value));
        } else if (value.isObject() && value.has("amountMicros")) {
            JsonNode raw = value.get("amountMicros");
            if (!raw.isIntegralNumber()) {
                throw new IllegalArgumentException("amountMicros must be a whole number");
            }
            micros = raw.asLong();
            currency = firstOf(value, "currencyCode", "currency", "ccy");
        } else if (value.isObject()) {
            JsonNode amount = firstOf(value, "value", "amount", "total", "num");
            if (amount == null) {
                throw new IllegalArgumentException("must be a number, {amountMicros} or {value, currencyCode}");
            }
            micros = InputSchema.micros(decimal(amount));
            currency = firstOf(value, "currencyCode", "currency", "ccy");
        } else {
            throw new IllegalArgumentException("must be a number, {amountMicros} or {value, currencyCode}");
        }
        if (micros < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        String code = currency == null || currency.isNull() || currency.asText().isBlank() ? "GBP" : InputSchema.currency(currency);
        return JsonNodeFactory.instance.objectNode().put("amountMicros", micros).put("currencyCode", code);
    }

    private static BigDecimal decimal(JsonNode value) {
        try {
            return value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a number");
        }
    }

    private static JsonNode firstOf(JsonNode object, String... keys) {
        for (String key : keys) {
            if (object.hasNonNull(key)) {
                return object.get(key);
            }
        }
        return null;
    }
}
