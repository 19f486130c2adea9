package org.fundraising.recurring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AgreementAdvanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode agreement(String status, String cadence, int every) {
        ObjectNode agreement = JSON.createObjectNode().put("status", status).put("cadence", cadence).put("intervalCount", every);
        agreement.putObject("amount").put("amountMicros", 10_000_000).put("currencyCode", "GBP");
        return agreement;
    }

    private static JsonNode gift(long micros, String currency, String date) {
        ObjectNode gift = JSON.createObjectNode().put("giftDate", date);
        gift.putObject("amount").put("amountMicros", micros).put("currencyCode", currency);
        return gift;
    }

    @Test
    void nextInstalmentFollowsTheCadence() {
        LocalDate paid = LocalDate.parse("2026-01-31");
        assertEquals("2026-02-28", AgreementAdvance.nextExpected(agreement("active", "monthly", 1), paid, 1).toString());
        assertEquals("2026-02-14", AgreementAdvance.nextExpected(agreement("active", "weekly", 2), paid, 1).toString());
        assertEquals("2026-04-30", AgreementAdvance.nextExpected(agreement("active", "quarterly", 1), paid, 1).toString());
        assertEquals("2027-01-31", AgreementAdvance.nextExpected(agreement("active", "annual", 1), paid, 1).toString());
        assertEquals(null, AgreementAdvance.nextExpected(agreement("active", "custom", 1), paid, 1));
        assertEquals("2026-03-31", AgreementAdvance.nextExpected(agreement("active", "monthly", 1), paid, 2).toString(),
                "counted from the start, a month-end schedule keeps its month ends");
    }

    @Test
    void theScheduleRunsFromTheStartDateWhateverDayAPaymentCame() {
        ObjectNode agreement = agreement("active", "monthly", 1).put("startDate", "2026-01-15");
        List<JsonNode> late = List.of(gift(10_000_000, "GBP", "2026-01-29"));
        assertEquals("2026-02-15", AgreementAdvance.changes(agreement, late, null).path("nextExpectedAt").asText());
        List<JsonNode> two = List.of(gift(10_000_000, "GBP", "2026-01-29"), gift(10_000_000, "GBP", "2026-02-10"));
        assertEquals("2026-03-15", AgreementAdvance.changes(agreement, two, null).path("nextExpectedAt").asText());
    }

    @Test
    void totalsAreRecomputedPerCurrencySoAdvancingTwiceChangesNothing() {
        ObjectNode agreement = agreement("delinquent", "monthly", 1);
        List<JsonNode> gifts = List.of(gift(10_000_000, "GBP", "2026-10-01"), gift(10_000_000, "GBP", "2026-11-01"),
                gift(9_000_000, "EUR", "2026-09-01"));
        ObjectNode patch = AgreementAdvance.changes(agreement, gifts, null);
        assertEquals(20_000_000, patch.path("totalReceivedAmount").path("amountMicros").asLong(), "EUR is not added to GBP");
        assertEquals(3, patch.path("paidInstallmentCount").asInt());
        assertEquals("2026-11-01", patch.path("lastPaidAt").asText());
        assertEquals("2026-12-01", patch.path("nextExpectedAt").asText());
        assertEquals("active", patch.path("status").asText());
        assertTrue(patch.has("statusUpdatedAt"));

        agreement.setAll(patch);
        assertTrue(AgreementAdvance.changes(agreement, gifts, null).isEmpty(), "already up to date: nothing to write");
        assertEquals("2027-01-15", AgreementAdvance.changes(agreement, gifts, "2027-01-15").path("nextExpectedAt").asText(),
                "the provider's own next date wins");
        assertFalse(AgreementAdvance.changes(agreement("canceled", "monthly", 1), gifts, null).has("status"),
                "a payment does not reopen a canceled agreement");
    }
}
