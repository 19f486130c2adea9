package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.money;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Changes computed from what a gift or a staging row holds apply one after another: concurrent refunds add up
 * and stop at the gift's amount, a gift with refunds keeps its money, a processed row is read-only.
 */
@QuarkusTest
class ConcurrentChangesTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    private static String cheque(long micros) {
        return EmulatorControl.create("gifts", Map.of("name", "Cheque", "amount", money(micros, "GBP"), "giftDate", "2026-11-20"));
    }

    @Test
    void twentyConcurrentRefundsOfOnePoundOnATenPoundGiftRecordExactlyTen() throws Exception {
        String gift = cheque(10_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> api().header("Idempotency-Key", UUID.randomUUID().toString())
                    .body(Map.of("amount", money(1_000_000, "GBP"), "date", "2026-11-25"))
                    .post(GIFTS + "/" + gift + "/refunds").statusCode(), pool));
        }
        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        pool.shutdown();
        assertEquals(10, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
        assertEquals(10, statuses.stream().filter(s -> s == 400).count(), "statuses " + statuses);
        JsonPath stored = EmulatorControl.get("gifts", gift);
        assertEquals(10_000_000L, stored.getLong("data.gift.refundedAmount.amountMicros"));
        assertEquals("FULLY_REFUNDED", stored.getString("data.gift.refundStatus"));
    }

    @Test
    void aRefundBeforeTheGiftOrAnAmountEditUnderRefundsIsRefused() {
        String gift = cheque(10_000_000);
        api().body(Map.of("amount", money(1_000_000, "GBP"), "date", "2026-11-19")).post(GIFTS + "/" + gift + "/refunds")
                .then().statusCode(400).body("details[0].field", equalTo("date"));
        api().body(Map.of("amount", money(2_000_000, "GBP"), "date", "2026-11-21")).post(GIFTS + "/" + gift + "/refunds")
                .then().statusCode(201).body("data.gift.refundedAmount.amountMicros", equalTo(2_000_000));
        api().body(Map.of("amount", money(1_000_000, "GBP"))).patch(GIFTS + "/" + gift).then().statusCode(409)
                .body("message", containsString("refunded"));
        api().body(Map.of("amount", money(10_000_000, "EUR"))).patch(GIFTS + "/" + gift).then().statusCode(409);
        api().body(Map.of("notes", "a cheque")).patch(GIFTS + "/" + gift).then().statusCode(200);
        api().body(Map.of("amount", money(10_000_000, "GBP"))).patch(GIFTS + "/" + gift).then().statusCode(200);
        assertEquals(10_000_000L, EmulatorControl.get("gifts", gift).getLong("data.gift.amount.amountMicros"));
    }

    @Test
    void aProcessedStagingRowIsReadOnly() {
        JsonPath posted = api().body(gift(contact("Ada", "Lovelace", "ada@example.org"), true)).post(GIFTS).then()
                .statusCode(200).extract().jsonPath();
        String giftId = posted.getString("data.createGift.id");
        String row = EmulatorControl.control().get(EmulatorControl.REST + "/giftStagings").then().extract()
                .path("data.giftStagings[0].id");
        api().body(Map.of("amountMicros", 55_000_000, "currencyCode", "GBP")).patch(STAGING + "/" + row).then()
                .statusCode(409).body("message", containsString(giftId));
        assertEquals(posted.getLong("data.createGift.amount.amountMicros"),
                EmulatorControl.get("giftStagings", row).getLong("data.giftStaging.amount.amountMicros"));
    }
}
