package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.gift.GiftRecords;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The create-donors run, and a batch of new donors from CSV to gifts. */
@QuarkusTest
class CreateDonorsRunTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
    }

    @Test
    void newDonorsFromACsvBecomeGiftsInFourSteps() {
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency\n");
        for (int i = 1; i <= 75; i++) {
            csv.append("Fresh").append(i).append(",Donor,fresh").append(i).append("@example.org,7.50,GBP\n");
        }
        assertEquals(75, BatchRunsApi.importCsv(batch, csv.toString()).getInt("import.imported"));
        assertEquals(75, BatchRunsApi.run(batch, "donor-match", null).getInt("outcomes.no_match"));

        EmulatorControl.clearStats();
        JsonPath created = BatchRunsApi.run(batch, "donor-match/create-donors/run", null);
        assertEquals("completed", created.getString("status"));
        assertEquals(75, created.getInt("outcomes.created_donor"));
        assertEquals(75, EmulatorControl.records("people"));
        assertEquals(2L, EmulatorControl.calls("POST /rest/batch/people"), "60 people to a call");
        assertEquals(2L, EmulatorControl.calls("POST /rest/batch/giftStagings"), "the links in one upsert per 60 rows");

        JsonPath again = BatchRunsApi.run(batch, "donor-match/create-donors/run", null);
        assertEquals(0, again.getInt("counters.candidates"), "linked rows are not candidates again");

        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(75, processed.getInt("execution.batchPathProcessed"));
        assertEquals(75, EmulatorControl.records("gifts"));
    }

    @Test
    void namedRowsOnlyAndARefusedDonorIsAnErrorOnItsRow() {
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
        EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Other", "lastName", "Person"),
                "emails", Map.of("primaryEmail", "taken@example.org")));
        BatchRunsApi.importCsv(batch, "first_name,last_name,email,amount,currency\nAda,Lovelace,taken@example.org,5,GBP\n"
                + "Alan,Turing,,5,GBP\nGrace,Hopper,,5,GBP\n");
        List<String> ids = given().auth().oauth2(EmulatorControl.KEY).queryParam("order_by", "donorFirstName")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().path("data.giftStagings.id");
        // Ada (whose email is another person's) and Alan are named; Grace is not.
        JsonPath done = BatchRunsApi.run(batch, "donor-match/create-donors/run", Map.of("stagingIds", List.of(ids.get(0), ids.get(1))));
        assertEquals("completed_with_errors", done.getString("status"));
        assertEquals(2, done.getInt("counters.candidates"));
        assertEquals(1, done.getInt("outcomes.created_donor"));
        assertEquals(1, done.getInt("outcomes.error"));
        assertTrue(done.getString("recentOutcomes.find { it.outcome == 'error' }.reason").contains("refused the new donor"), done.prettify());
        assertEquals(2, EmulatorControl.records("people"), "Alan created; nobody for Ada or Grace");
        assertEquals(GiftRecords.personIdFor(ids.get(1)),
                EmulatorControl.get("giftStagings", ids.get(1)).getString("data.giftStaging.donorId"));
        api().body(Map.of("stagingIds", List.of("not-a-uuid"))).post(BATCHES + "/" + batch + "/donor-match/create-donors/run")
                .then().statusCode(400).body("details[0].field", equalTo("stagingIds"));
    }

}
