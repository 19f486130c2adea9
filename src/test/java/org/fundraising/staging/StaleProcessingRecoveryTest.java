package org.fundraising.staging;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Settings other than the defaults: a row left in {@code processing} by a crash is finished by {@code /process}
 * once stale (spec §2.3), with no second gift (the stale limit is 0 here so that the test needs no waiting); and
 * a receipt threshold.
 */
@QuarkusTest
@TestProfile(StaleProcessingRecoveryTest.StaleAtOnce.class)
class StaleProcessingRecoveryTest {

    public static class StaleAtOnce implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.staging-processing-stale-ms", "0",
                    "fundraising.receipt.auto-send-threshold-minor", "1000");
        }
    }

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void anAutoProcessedGiftWhoseRowWasNeverMarkedIsFinishedWithTheSameGift() {
        // The gift is posted, then the processed mark is lost: as if the service died between the two calls.
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings/.*", "method", "PATCH", "mode", "error", "status", 400, "times", 1));
        String giftId = api().body(gift(contact("Ada", "Lovelace", null), true)).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.id");
        JsonPath row = api().get(STAGING).then().extract().jsonPath();
        assertEquals("processing", row.getString("data[0].processingStatus"));
        JsonPath outcome = api().post(STAGING + "/" + row.getString("data[0].id") + "/process").then().statusCode(201)
                .extract().jsonPath();
        assertEquals("processed", outcome.getString("status"));
        assertEquals(giftId, outcome.getString("giftId"));
        assertEquals(1, EmulatorControl.records("gifts"));
    }

    @Test
    void aGiftAboveTheReceiptThresholdInItsOwnMinorUnitsIsSuppressed() {
        String above = api().body(gift(contact("Ada", "Lovelace", null), true)).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.receiptStatus");
        assertEquals("suppressed", above, "15.50 GBP is 1550 pence, above 1000");
        String yen = api().body(with(gift(contact("Grace", "Hopper", null), true), "amount",
                        Map.of("amountMicros", 1_500_000_000L, "currencyCode", "JPY"))).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.receiptStatus");
        assertEquals("suppressed", yen, "1500 yen is 1500 minor units");
        String small = api().body(with(gift(contact("Alan", "Turing", null), true), "amount",
                        Map.of("amountMicros", 900_000_000L, "currencyCode", "JPY"))).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.receiptStatus");
        assertEquals("pending", small);
    }
}
