package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.money;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding 9 of the attack run: rows staged through the API into a GBP batch were not held to its currency (it held
 * JPY and USD rows) and its {@code totalCount} stayed 0. A batch is one deposit in one currency whichever way a row
 * enters it, and its totals follow every row staged into it, moved out of it or changed inside it.
 */
@QuarkusTest
class BatchMembershipTest {

    private static final String STAGING = "/api/fundraising/gift-staging";
    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    private static String batch(Map<String, Object> fields) {
        return api().body(fields).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
    }

    private static String staged(String batchId, long micros, String currency) {
        return api().body(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace", "giftBatchId", batchId, "amount", money(micros, currency)))
                .post(STAGING).then().log().ifValidationFails().statusCode(201).extract().path("data.giftStaging.id");
    }

    private static JsonPath stored(String batchId) {
        return EmulatorControl.get("giftBatches", batchId);
    }

    private static void assertTotals(String batchId, long count, long micros, String currency) {
        JsonPath batch = stored(batchId);
        assertEquals(count, batch.getLong("data.giftBatch.totalCount"), batchId);
        assertEquals(micros, batch.getLong("data.giftBatch.totalAmount.amountMicros"), batchId);
        assertEquals(currency, batch.getString("data.giftBatch.totalAmount.currencyCode"), batchId);
    }

    @Test
    void aRowInAnotherCurrencyIsRefusedAndTheBatchCountsWhatItHolds() {
        String gbp = batch(Map.of("name", "Deposit", "expectedAmount", money(20_000_000, "GBP")));
        for (String currency : List.of("JPY", "USD")) {
            api().body(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace", "giftBatchId", gbp, "amount", money(1_000_000, currency))).post(STAGING)
                    .then().statusCode(400).body("details[0].field", equalTo("amount.currencyCode"))
                    .body("message", containsString("GBP"));
        }
        assertEquals(0, EmulatorControl.records("giftStagings"));
        staged(gbp, 15_500_000, "GBP");
        staged(gbp, 4_500_000, "GBP");
        assertTotals(gbp, 2, 20_000_000, "GBP");
    }

    @Test
    void aBatchWithoutAnExpectedAmountTakesTheCurrencyOfItsFirstRow() {
        String open = batch(Map.of("name", "Counted later"));
        staged(open, 2_000_000, "USD");
        api().body(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace", "giftBatchId", open)).post(STAGING).then().statusCode(400)
                .body("details[0].message", containsString("the batch is in USD"));
        assertTotals(open, 1, 2_000_000, "USD");
    }

    @Test
    void aBatchThatDoesNotExistIsNamed() {
        api().body(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace", "giftBatchId", "0f6b7c1e-3a51-4c57-9d0e-2d8f7b6a5c41")).post(STAGING)
                .then().statusCode(400).body("details[0].field", equalTo("giftBatchId"));
        assertEquals(0, EmulatorControl.records("giftStagings"));
    }

    @Test
    void aReplayedStagingIsCountedOnce() {
        String deposit = batch(Map.of("name", "Deposit"));
        String key = "one-row-once-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            api().header("Idempotency-Key", key).body(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace", "giftBatchId", deposit))
                    .post(STAGING).then().statusCode(201);
        }
        assertTotals(deposit, 1, 15_500_000, "GBP");
    }

    @Test
    void rowsStagedAtOnceAreAllCounted() {
        String deposit = batch(Map.of("name", "Busy deposit"));
        List<CompletableFuture<String>> all = IntStream.range(0, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> staged(deposit, 1_000_000, "GBP"))).toList();
        all.forEach(CompletableFuture::join);
        assertTotals(deposit, 8, 8_000_000, "GBP");
    }

    @Test
    void totalsFollowARowMovedOrChanged() {
        String first = batch(Map.of("name", "First"));
        String second = batch(Map.of("name", "Second", "expectedAmount", money(9_000_000, "GBP")));
        String row = staged(first, 5_000_000, "GBP");
        staged(first, 1_000_000, "GBP");
        api().body(Map.of("amountMicros", 7_000_000)).patch(STAGING + "/" + row).then().statusCode(200);
        assertTotals(first, 2, 8_000_000, "GBP");
        api().body(Map.of("giftBatchId", second)).patch(STAGING + "/" + row + "/status").then().statusCode(200);
        assertTotals(first, 1, 1_000_000, "GBP");
        assertTotals(second, 1, 7_000_000, "GBP");
        api().body(Map.of("currencyCode", "EUR")).patch(STAGING + "/" + row).then().statusCode(400)
                .body("details[0].field", equalTo("amount.currencyCode"));
        assertTotals(second, 1, 7_000_000, "GBP");
    }

    @Test
    void aCsvImportAddsToWhatTheApiStaged() {
        String deposit = batch(Map.of("name", "Mixed intake", "expectedAmount", money(25_500_000, "GBP")));
        staged(deposit, 15_500_000, "GBP");
        assertEquals(1, BatchRunsApi.importCsv(deposit, "first_name,last_name,amount\nAda,Lovelace,10\n").getInt("import.imported"));
        assertTotals(deposit, 2, 25_500_000, "GBP");
    }
}
