package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;

/**
 * Numbers from callers, bounded before any arithmetic: a number such as {@code 1e99999999} is tiny to send and
 * enormous to scale, so magnitude and decimals are checked on the parsed form (cheap whatever the exponent) and
 * numeric strings are length-checked before they are parsed.
 */
public final class Numbers {

    /** Digits before the decimal point a number may have (counts, money in micros and major units all fit). */
    public static final int MAX_INTEGER_DIGITS = 19;
    /** Decimals a number may have. */
    public static final int MAX_SCALE = 12;
    private static final int MAX_TEXT_LENGTH = 40;

    private Numbers() {
    }

    /** A JSON number or a numeric string, bounded; {@link IllegalArgumentException} with the reason otherwise. */
    public static BigDecimal decimal(JsonNode value) {
        if (value != null && value.isNumber()) {
            return bounded(value.decimalValue());
        }
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("must be a number");
        }
        String text = value.asText().trim();
        if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH || !text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d{1,4})?")) {
            throw new IllegalArgumentException("must be a number such as 12.50");
        }
        return bounded(new BigDecimal(text));
    }

    /** Refuses numbers with more than {@link #MAX_INTEGER_DIGITS} whole digits or {@link #MAX_SCALE} decimals. */
    public static BigDecimal bounded(BigDecimal number) {
        // precision - scale is the count of whole digits; both are read off the parsed form without expanding it.
        if (number.signum() != 0 && (long) number.precision() - number.scale() > MAX_INTEGER_DIGITS) {
            throw new IllegalArgumentException("is too large");
        }
        if (number.scale() > MAX_SCALE && number.stripTrailingZeros().scale() > MAX_SCALE) {
            throw new IllegalArgumentException("has too many decimals");
        }
        return number;
    }

    /**
     * A whole count from {@code min} to {@code max}, from a JSON number or numeric string; a fraction is cut to
     * its whole part when {@code truncate} (as the original's appeal forms did), else refused.
     */
    public static long count(JsonNode value, long min, long max, boolean truncate) {
        BigDecimal number = decimal(value);
        if (!truncate && number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number");
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new IllegalArgumentException("must be a whole number from " + min + " to " + max);
        }
        return number.longValue();
    }
}
