package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Money;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The refund rules, for every path (a person's refund of a cheque or cash gift, a provider's refund event): what
 * is refunded is recorded on the gift as a running total with the last refund's date and a status, the gift's own
 * amount never changes, and no more than the gift can be refunded.
 */
public final class GiftRefunds {

    /** How much of a gift has been given back. */
    public enum Status { NOT_REFUNDED, PARTIALLY_REFUNDED, FULLY_REFUNDED }

    private GiftRefunds() {
    }

    public static Status status(long refundedMicros, long giftMicros) {
        return refundedMicros <= 0 ? Status.NOT_REFUNDED : refundedMicros >= giftMicros ? Status.FULLY_REFUNDED : Status.PARTIALLY_REFUNDED;
    }

    public static long refunded(JsonNode gift) {
        Long stored = Money.storedMicros(gift.path("refundedAmount"));
        return stored == null ? 0 : stored;
    }

    /** A person's refund added to what the gift has had refunded; a 400 naming the field when it cannot be. */
    public static ObjectNode added(JsonNode gift, RefundRequest refund) {
        LocalDate date;
        try {
            date = LocalDate.parse(refund.date());
        } catch (RuntimeException e) {
            throw ApiException.invalid(List.of(new FieldError("date", "must be a real day")));
        }
        LocalDate given = giftDate(gift);
        if (given != null && date.isBefore(given)) {
            throw ApiException.invalid(List.of(new FieldError("date", "must not be before the gift's date, " + given)));
        }
        String currency = gift.path("amount").path("currencyCode").asText("");
        if (!currency.equals(refund.amount().currencyCode().toUpperCase(Locale.ROOT))) {
            throw ApiException.invalid(List.of(new FieldError("amount.currencyCode", "must be the gift's currency, " + currency)));
        }
        long giftMicros = giftMicros(gift);
        long total = refunded(gift) + refund.amount().amountMicros();
        if (total > giftMicros) {
            throw ApiException.invalid(List.of(new FieldError("amount", "would refund more than the gift: "
                    + refunded(gift) + " of " + giftMicros + " micros refunded already")));
        }
        return patch(total, currency, giftMicros, date, refund.note());
    }

    /**
     * The gift's refund fields when its provider says {@code refundedMicros} have been refunded in all (a provider
     * reports the running total, so a replayed event writes the same values); null when they are already so.
     */
    public static ObjectNode total(JsonNode gift, long refundedMicros, LocalDate lastRefund, String note) {
        long giftMicros = giftMicros(gift);
        long total = Math.min(refundedMicros, giftMicros);
        if (total == refunded(gift) && lastRefund.toString().equals(gift.path("refundDate").asText())) {
            return null;
        }
        return patch(total, gift.path("amount").path("currencyCode").asText(""), giftMicros, lastRefund, note);
    }

    /**
     * A gift with refunds recorded keeps its currency and at least the amount refunded: otherwise its refund status
     * would describe a gift no refund fits. 409: the edit is fine in form but the gift's state refuses it.
     */
    public static void requireAmountFits(JsonNode gift, JsonNode newAmount) {
        long refunded = refunded(gift);
        if (refunded <= 0 || newAmount == null || newAmount.isNull()) {
            return;
        }
        String currency = gift.path("amount").path("currencyCode").asText("");
        Long micros = Money.storedMicros(newAmount);
        if (!currency.equals(newAmount.path("currencyCode").asText(currency)) || (micros != null && micros != giftMicros(gift))) {
            throw new ApiException(409, "The gift has " + refunded + " micros " + currency + " refunded: its amount and "
                    + "currency stay as they are (record a refund instead, or remove the refunds first)",
                    List.of(new FieldError("amount", "a gift with refunds keeps its amount and currency")), null);
        }
    }

    private static LocalDate giftDate(JsonNode gift) {
        try {
            return LocalDate.parse(gift.path("giftDate").asText(""));
        } catch (RuntimeException noDate) {
            return null;
        }
    }

    private static long giftMicros(JsonNode gift) {
        Long micros = Money.storedMicros(gift.path("amount"));
        return micros == null ? 0 : micros;
    }

    private static ObjectNode patch(long total, String currency, long giftMicros, LocalDate date, String note) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        patch.putObject("refundedAmount").put("amountMicros", total).put("currencyCode", currency);
        patch.put("refundDate", date.toString()).put("refundStatus", status(total, giftMicros).name());
        if (note != null && !note.isBlank()) {
            patch.put("refundNote", note.trim());
        }
        return patch;
    }
}
