package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 600 gifts from donors who exist, as a gift processor takes them in: CSV import → donor-match → process, with
 * every Twenty call counted. The three steps read and write 60 rows to a call; what a step costs is printed.
 */
@QuarkusTest
class BatchCallBudgetTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";
    private static final int ROWS = 600;

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
    }

    @Test
    void sixHundredGiftsFromKnownDonorsCostCallsPerSixtyRowsNotPerRow() {
        List<Map<String, Object>> people = new ArrayList<>();
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 1; i <= ROWS; i++) {
            String first = "Donor" + i;
            String last = "Surname" + (i % 37);
            String email = "donor" + i + "@example.org";
            people.add(Map.of("name", Map.of("firstName", first, "lastName", last), "emails", Map.of("primaryEmail", email)));
            csv.append(first).append(',').append(last).append(',').append(email).append(",12.50,GBP,2026-11-20,card\n");
        }
        for (int from = 0; from < ROWS; from += 60) {
            given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(people.subList(from, from + 60))
                    .post(EmulatorControl.REST + "/batch/people").then().statusCode(201);
        }
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");

        EmulatorControl.clearStats();
        given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv").body(csv.toString())
                .post(BATCHES + "/" + batch + "/import").then().statusCode(200);
        long imported = total();

        EmulatorControl.clearStats();
        JsonPath matched = BatchRunsApi.run(batch, "donor-match", null);
        assertEquals(ROWS, matched.getInt("outcomes.auto_linked"), matched.prettify());
        long matching = total();

        EmulatorControl.clearStats();
        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(ROWS, processed.getInt("execution.batchPathProcessed"), processed.prettify());
        long processing = total();
        assertEquals(ROWS, EmulatorControl.records("gifts"));

        int chunks = ROWS / 60;
        System.out.printf("batch call budget for %d rows (%d chunks): import %d, donor-match %d, process %d, total %d%n",
                ROWS, chunks, imported, matching, processing, imported + matching + processing);
        assertEquals(chunks + 2, imported, "import: a batch read, one write per 60 rows, the totals");
        assertTrue(processing <= 3L * chunks + 3, "process: a page read, a gift create and a processed mark per 60 rows");
        assertTrue(matching <= 5L * chunks + 1, "donor-match: a page read, the matcher's lookup and one upsert per 60 rows");
    }

    private static long total() {
        return EmulatorControl.callsByRoute().values().stream().mapToLong(Long::longValue).sum();
    }

}
