package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Money;
import org.fundraising.staging.BatchLedger;
import org.fundraising.twenty.TwentyCaller;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a batch should come to ({@code expectedCount}, {@code expectedAmount}) against what is staged into it,
 * counted from the rows themselves (every row with the batch's id, however it was staged), for the guard that
 * keeps a batch from being processed before its deposit adds up.
 */
final class BatchTotals {

    private BatchTotals() {
    }

    /** Fails with 409 naming both sides when the batch expects a count or an amount that its rows do not make. */
    static Uni<Void> requireMatch(BatchLedger ledger, TwentyCaller caller, JsonNode batch) {
        boolean expectsCount = batch.hasNonNull("expectedCount");
        Long expectedMicros = Money.storedMicros(batch.path("expectedAmount"));
        if (!expectsCount && expectedMicros == null) {
            return Uni.createFrom().voidItem();
        }
        String batchId = batch.path("id").asText();
        return ledger.staged(caller, batchId)
                .invoke(rows -> {
                    Map<String, Long> staged = rows.microsByCurrency();
                    String currency = batch.path("expectedAmount").path("currencyCode").asText("");
                    boolean countOff = expectsCount && batch.path("expectedCount").asLong() != rows.count();
                    boolean amountOff = expectedMicros != null
                            && (staged.size() > 1 || !expectedMicros.equals(staged.getOrDefault(currency, 0L)));
                    if (countOff || amountOff) {
                        throw new ApiException(409, "Gift batch " + batchId + " does not add up, and its totals must match "
                                + "before it is processed: expected " + describe(batch.path("expectedCount"), expectedMicros, currency)
                                + ", staged " + rows.count() + " gifts of " + describe(staged), List.of(), null);
                    }
                })
                .replaceWithVoid();
    }

    private static String describe(JsonNode count, Long micros, String currency) {
        String gifts = count.isMissingNode() || count.isNull() ? "any number of gifts" : count.asLong() + " gifts";
        return micros == null ? gifts : gifts + " of " + major(micros) + " " + currency;
    }

    private static String describe(Map<String, Long> staged) {
        return staged.isEmpty() ? "nothing" : String.join(" + ", staged.entrySet().stream()
                .map(e -> major(e.getValue()) + " " + e.getKey()).toList());
    }

    private static String major(long micros) {
        return BigDecimal.valueOf(micros).movePointLeft(6).stripTrailingZeros().toPlainString();
    }
}
