package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** FUNDRAISING_BATCH_REQUIRE_TOTALS_MATCH=true: a batch is processed only once its rows come to what it expects. */
@QuarkusTest
@TestProfile(BatchTotalsGuardTest.TotalsMustMatch.class)
class BatchTotalsGuardTest {

    public static class TotalsMustMatch implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.batch.require-totals-match", "true");
        }
    }

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @Test
    void aBatchThatDoesNotAddUpIsNotProcessed() {
        EmulatorControl.reset();
        String batch = api().body(Map.of("name", "Deposit", "expectedCount", 2,
                        "expectedAmount", Map.of("amountMicros", 15_000_000, "currencyCode", "GBP")))
                .post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
        upload(batch, "first_name,last_name,amount\nAda,Lovelace,10\n");
        api().post(BATCHES + "/" + batch + "/process").then().statusCode(409)
                .body("message", containsString("expected 2 gifts of 15 GBP, staged 1 gifts of 10 GBP"));
        assertEquals(0, EmulatorControl.records("gifts"));
        upload(batch, "first_name,last_name,amount\nAlan,Turing,5\n");
        api().post(BATCHES + "/" + batch + "/process").then().statusCode(202);
    }

    private static void upload(String batch, String csv) {
        BatchRunsApi.importCsv(batch, csv);
    }
}
