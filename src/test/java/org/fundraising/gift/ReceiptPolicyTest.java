package org.fundraising.gift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReceiptPolicyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode amount(long micros, String currency) {
        ObjectNode columns = JSON.createObjectNode();
        columns.putObject("amount").put("amountMicros", micros).put("currencyCode", currency);
        return columns;
    }

    @Test
    void minorUnitsFollowTheCurrencysRealExponent() {
        assertEquals(1550, ReceiptPolicy.minorUnits(amount(15_500_000, "GBP").get("amount")));
        assertEquals(1500, ReceiptPolicy.minorUnits(amount(1_500_000_000L, "JPY").get("amount")), "yen has no minor unit");
        assertEquals(1250, ReceiptPolicy.minorUnits(amount(1_250_000, "BHD").get("amount")), "dinar has three decimals");
    }

    @Test
    void receiptStatusWarningsForAReviewer() {
        ObjectNode row = JSON.createObjectNode().put("donorFirstName", "Ada");
        assertEquals(List.of("Missing email for receipt", "Missing donor name"),
                ReceiptPolicy.warnings(JSON.createObjectNode().put("receiptChannel", "email"), row));
        assertEquals(List.of("Missing donor name", "Receipt suppressed"),
                ReceiptPolicy.warnings(JSON.createObjectNode().put("receiptStatus", "suppressed"), row));
    }
}
