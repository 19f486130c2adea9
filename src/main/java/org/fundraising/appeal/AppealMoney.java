package org.fundraising.appeal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.platform.Money;


/**
 * The money forms the original accepted for appeal goals and budgets: a number or numeric string in major units
 * (GBP by default), {@code {amountMicros, currencyCode?}}, or {@code {value|amount|total|num, currencyCode|currency|ccy}}.
 * Exact: more than six decimals, a negative amount or one past the ceiling is refused, never rounded or wrapped.
 */
final class AppealMoney {

    private AppealMoney() {
    }

    static ObjectNode read(JsonNode value) {
        long micros;
        JsonNode currency = null;
        if (value.isNumber() || value.isTextual()) {
            micros = major(value);
        } else if (value.isObject() && value.has("amountMicros")) {
            micros = Money.micros(value.get("amountMicros"), Money.Sign.NON_NEGATIVE);
            currency = firstOf(value, "currencyCode", "currency", "ccy");
        } else if (value.isObject()) {
            JsonNode amount = firstOf(value, "value", "amount", "total", "num");
            if (amount == null) {
                throw new IllegalArgumentException("must be a number, {amountMicros} or {value, currencyCode}");
            }
            micros = major(amount);
            currency = firstOf(value, "currencyCode", "currency", "ccy");
        } else {
            throw new IllegalArgumentException("must be a number, {amountMicros} or {value, currencyCode}");
        }
        String code = currency == null || currency.isNull() || currency.asText().isBlank() ? "GBP" : Money.currency(currency);
        return JsonNodeFactory.instance.objectNode().put("amountMicros", micros).put("currencyCode", code);
    }

    private static long major(JsonNode value) {
        return Money.microsFromMajor(value, Money.Sign.NON_NEGATIVE);
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
