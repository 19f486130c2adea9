package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Currency;

/** Twenty's CURRENCY values as they come back, read exactly: micros as a long, the currency's real exponent. */
public final class Money {

    private Money() {
    }

    /** {@code amountMicros} of a CURRENCY value, whether Twenty sent a number or a numeric string; null when absent. */
    public static Long micros(JsonNode amount) {
        JsonNode micros = amount.path("amountMicros");
        if (micros.isIntegralNumber()) {
            return micros.longValue();
        }
        if (micros.isTextual() && micros.asText().matches("-?\\d+")) {
            return Long.parseLong(micros.asText());
        }
        return null;
    }

    public static boolean isCurrency(String code) {
        try {
            return code != null && code.length() == 3 && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException notAnIsoCode) {
            return false;
        }
    }

    /** Decimals of the currency's minor unit (JPY 0, GBP 2, BHD 3); 2 where ISO 4217 gives none or the code is unknown. */
    public static int fractionDigits(String code) {
        if (!isCurrency(code)) {
            return 2;
        }
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        return digits < 0 ? 2 : digits;
    }
}
