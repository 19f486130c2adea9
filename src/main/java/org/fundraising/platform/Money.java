package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;

/**
 * Money, exactly: {@code amountMicros} (millionths of the currency unit) and an ISO 4217 code. The one reader of
 * money for every route: amounts are checked to be whole micros within range before any arithmetic, never
 * rounded and never wrapped; anything else is refused with the reason.
 */
public final class Money {

    /**
     * The largest amount kept exactly: Twenty's server is JavaScript, whose numbers are exact only up to
     * 2^53 - 1, so this many micros (about 9 billion currency units) is the ceiling.
     */
    public static final long MAX_MICROS = 9_007_199_254_740_991L;
    /** Decimals a major-unit amount may have: a micro is the smallest unit stored. */
    public static final int MAX_DECIMALS = 6;
    /** ISO 4217 codes that are not money: test, no currency, precious metals, bond units, SDRs. */
    private static final Set<String> NOT_MONEY = Set.of("XTS", "XXX", "XAU", "XAG", "XPT", "XPD", "XBA", "XBB", "XBC",
            "XBD", "XDR", "XSU", "XUA");

    public enum Sign { POSITIVE, NON_NEGATIVE, ANY }

    private Money() {
    }

    /**
     * {@code amountMicros} as sent by a caller: a JSON number of whole micros, within ±{@link #MAX_MICROS}, with the
     * sign the field allows. Throws {@link IllegalArgumentException} with the reason.
     */
    public static long micros(JsonNode value, Sign sign) {
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("is required");
        }
        if (!value.isNumber()) {
            throw new IllegalArgumentException("must be a number of micros (12.50 is 12500000)");
        }
        BigDecimal micros = Numbers.bounded(value.decimalValue());
        if (micros.signum() != 0 && micros.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number of micros (12.50 is 12500000)");
        }
        return checked(micros, sign);
    }

    /** An amount in major units (12.50), as a JSON number or numeric string: at most six decimals, never rounded. */
    public static long microsFromMajor(JsonNode value, Sign sign) {
        BigDecimal major = Numbers.decimal(value);
        if (major.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new IllegalArgumentException("must have at most " + MAX_DECIMALS + " decimals");
        }
        return checked(major.movePointRight(MAX_DECIMALS), sign);
    }

    private static long checked(BigDecimal micros, Sign sign) {
        if (sign == Sign.POSITIVE && micros.signum() <= 0) {
            throw new IllegalArgumentException("must be greater than 0 (refunds are their own flow)");
        }
        if (sign == Sign.NON_NEGATIVE && micros.signum() < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        if (micros.abs().compareTo(BigDecimal.valueOf(MAX_MICROS)) > 0) {
            throw new IllegalArgumentException("must be at most " + MAX_MICROS + " micros (about 9 billion units)");
        }
        return micros.longValueExact();
    }

    /** {@code amountMicros} of a CURRENCY value as Twenty returns it (a number or a numeric string); null when absent. */
    public static Long storedMicros(JsonNode amount) {
        JsonNode micros = amount.path("amountMicros");
        if (micros.isIntegralNumber() && micros.canConvertToLong()) {
            return micros.longValue();
        }
        if (micros.isTextual() && micros.asText().matches("-?\\d{1,18}")) {
            return Long.parseLong(micros.asText());
        }
        return null;
    }

    /** The code, upper-cased, when it is an ISO 4217 currency that is money; else {@link IllegalArgumentException}. */
    public static String currency(JsonNode code) {
        String text = code == null || !code.isTextual() ? "" : code.asText().trim().toUpperCase(Locale.ROOT);
        if (isCurrency(text)) {
            return text;
        }
        throw new IllegalArgumentException("currencyCode must be an ISO 4217 currency code such as GBP "
                + "(test, metal and no-currency codes such as XXX, XTS and XAU are not money)");
    }

    public static boolean isCurrency(String code) {
        try {
            return code != null && code.length() == 3 && !NOT_MONEY.contains(code) && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException notAnIsoCode) {
            return false;
        }
    }

    /** A whole number of minor units with {@code decimals} places (pence: 2, yen: 0, fils: 3) as micros, exactly. */
    public static long microsFromMinor(long minor, int decimals) {
        return Math.multiplyExact(minor, (long) Math.pow(10, MAX_DECIMALS - decimals));
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
