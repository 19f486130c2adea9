package org.fundraising.gift;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.fundraising.platform.Money;

/**
 * {@code POST /gifts/:id/refunds}: money given back on a gift taken by cheque, cash or transfer (a card or direct
 * debit refund arrives from its provider). The gift keeps its amount; the refund is recorded beside it.
 */
public record RefundRequest(
        @NotNull(message = "is required") @Valid Amount amount,
        @NotNull(message = "is required") @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "must be a date YYYY-MM-DD") String date,
        @Size(max = 2000, message = "must be at most 2000 characters") String note) {

    /** Exact money: whole micros of the currency, as every amount in the API. */
    public record Amount(
            @NotNull(message = "is required") @Positive(message = "must be more than 0")
            @Max(value = Money.MAX_MICROS, message = "is too large") Long amountMicros,
            @NotNull(message = "is required") @Pattern(regexp = "[A-Za-z]{3}", message = "must be an ISO 4217 code such as GBP")
            String currencyCode) {
    }
}
