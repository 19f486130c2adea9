package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Gift batches and CSV import into them, against the emulator, with the Twenty calls counted. */
@QuarkusTest
class GiftBatchImportTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
        EmulatorControl.clearStats();
    }

    @Test
    void batchesAreCreatedReadListedAndChanged() {
        String id = api().body(Map.of("name", "November deposit", "expectedCount", 3,
                        "expectedAmount", Map.of("amountMicros", 60_000_000, "currencyCode", "GBP")))
                .post(BATCHES).then().statusCode(200)
                .body("data.createGiftBatch.status", equalTo("open"))
                .body("data.createGiftBatch.source", equalTo("manual"))
                .body("data.createGiftBatch.expectedAmount.amountMicros", equalTo(60_000_000))
                .extract().path("data.createGiftBatch.id");
        api().get(BATCHES + "/" + id).then().statusCode(200).body("data.giftBatch.name", equalTo("November deposit"));
        api().queryParam("filter", "id[in]:[" + id + "]").get(BATCHES).then().statusCode(200)
                .body("data.giftBatches.id", equalTo(List.of(id)));
        api().body(Map.of("status", "reviewing")).patch(BATCHES + "/" + id).then().statusCode(200)
                .body("data.updateGiftBatch.status", equalTo("reviewing"));
        api().body(Map.of("status", "done")).patch(BATCHES + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("status"));
        api().body(Map.of("expectedCount", 3)).post(BATCHES).then().statusCode(400).body("details[0].field", equalTo("name"));
        api().get(BATCHES + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void goodRowsAreStagedInChunksOfSixtyAndTheBatchTotalsGrow() {
        String batch = batch(Map.of("amountMicros", 1, "currencyCode", "GBP"));
        StringBuilder csv = new StringBuilder("\uFEFFFirst Name;last_name;EMAIL;Amount;Gift Date;payment_method;Notes\n");
        long total = 0;
        for (int i = 1; i <= 130; i++) {
            csv.append("Ada").append(i).append(";Lovelace;ada").append(i).append("@example.org;")
                    .append(i).append(".25;2026-11-0").append(1 + i % 9).append(";card;\"thanks; again\"\n");
            total += i * 1_000_000L + 250_000;
        }
        EmulatorControl.clearStats();
        JsonPath run = BatchRunsApi.importCsv(batch, csv.toString());
        assertEquals("completed", run.getString("status"), run.prettify());
        assertEquals(List.of(130, 0, 0), List.of(run.getInt("import.imported"), run.getInt("import.duplicates"),
                run.getList("import.rejected").size()));
        // The batch is read when the import starts, and again, held, to add the rows to its totals.
        assertEquals(Map.of("GET /rest/giftBatches/{id}", 2L, "POST /rest/batch/giftStagings", 3L,
                "PATCH /rest/giftBatches/{id}", 1L), EmulatorControl.callsByRoute());

        assertEquals(130, EmulatorControl.records("giftStagings"));
        JsonPath rows = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "giftBatchId[eq]:\"" + batch + "\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals(130, rows.getInt("totalCount"));
        assertEquals(5_250_000L, given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Ada5\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath().getLong("data.giftStagings[0].amount.amountMicros"));
        assertEquals("csv_import", rows.getString("data.giftStagings[0].intakeSource"));
        assertEquals("pending", rows.getString("data.giftStagings[0].processingStatus"));
        assertEquals(false, rows.getBoolean("data.giftStagings[0].autoProcess"));
        assertEquals("thanks; again", rows.getString("data.giftStagings[0].notes"));

        JsonPath after = api().get(BATCHES + "/" + batch).then().extract().jsonPath();
        assertEquals(130, after.getInt("data.giftBatch.totalCount"));
        assertEquals(total, after.getLong("data.giftBatch.totalAmount.amountMicros"));
        assertEquals("GBP", after.getString("data.giftBatch.totalAmount.currencyCode"));
    }

    @Test
    void theSameFileAgainStagesNothingTwice() {
        String batch = batch(null);
        String csv = rows(70, "GBP");
        assertEquals(70, BatchRunsApi.importCsv(batch, csv).getInt("import.imported"));
        EmulatorControl.clearStats();
        JsonPath again = BatchRunsApi.importCsv(batch, csv);
        assertEquals(List.of(0, 70), List.of(again.getInt("import.imported"), again.getInt("import.duplicates")));
        assertEquals(70, EmulatorControl.records("giftStagings"));
        assertEquals(2, EmulatorControl.calls("POST /rest/batch/giftStagings"));
        assertEquals(0, EmulatorControl.calls("PATCH /rest/giftBatches/{id}"), "totals change only by new rows");
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.totalCount", equalTo(70));
    }

    @Test
    void badRowsComeBackWithRowColumnAndReasonAndAreNotWritten() {
        String batch = batch(Map.of("amountMicros", 1, "currencyCode", "GBP"));
        String csv = "first_name,last_name,amount,currency,gift_date,notes\n"
                + "Ada,Lovelace,12.50,GBP,2026-11-02,\"=HYPERLINK(\"\"http://x\"\")\"\n"   // row 2: good; the formula stays text
                + "Grace,Hopper,12.505,GBP,2026-11-02,\n"     // row 3: more decimals than GBP has
                + "Alan,Turing,abc,GBP,2026-11-02,\n"          // row 4: not a number
                + "Mary,Somerville,-5,GBP,2026-11-02,\n"       // row 5: not positive
                + ",,10,GBP,2026-11-02,\n"                     // row 6: nobody
                + "Emmy,Noether,10,USD,2026-11-02,\n"          // row 7: another currency than the batch's
                + "Sophie,Germain,10,GBP,2026-02-30,\n"        // row 8: no such day
                + "\"Katherine, Jr\",Johnson,\"1000.00\",GBP,2026-11-03,\"line one\nline two\"\n"; // row 9: good, quoted
        JsonPath answer = BatchRunsApi.importCsv(batch, csv);
        assertEquals(2, answer.getInt("import.imported"));
        assertEquals("completed_with_errors", answer.getString("status"), "refused rows are the run's errors");
        assertEquals(6, answer.getInt("counters.errors"));
        assertEquals(List.of(3, 4, 5, 6, 7, 8), answer.getList("import.rejected.row"));
        assertEquals(List.of("amount", "amount", "amount", "first_name", "currency", "gift_date"),
                answer.getList("import.rejected.column"));
        assertTrue(answer.getString("import.rejected[0].reason").contains("decimals"), answer.prettify());
        assertTrue(answer.getString("import.rejected[4].reason").contains("batch is in GBP"), answer.prettify());
        JsonPath rows = given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals(2, rows.getList("data.giftStagings").size());
        assertEquals("=HYPERLINK(\"http://x\")", rows.getString("data.giftStagings.find { it.donorFirstName == 'Ada' }.notes"));
        assertEquals("line one\nline two", rows.getString("data.giftStagings.find { it.donorLastName == 'Johnson' }.notes"));
        assertEquals("Katherine, Jr", rows.getString("data.giftStagings.find { it.donorLastName == 'Johnson' }.donorFirstName"));
    }

    @Test
    void aRowTwentyRefusesIsReportedAndTheRestOfItsChunkIsStaged() {
        String batch = batch(null);
        String missingAppeal = UUID.randomUUID().toString();
        StringBuilder csv = new StringBuilder("first_name,last_name,amount,currency,appeal_id\n");
        for (int i = 1; i <= 10; i++) {
            csv.append("Donor").append(i).append(",Example,5,GBP,").append(i == 7 ? missingAppeal : "").append('\n');
        }
        JsonPath answer = BatchRunsApi.importCsv(batch, csv.toString());
        assertEquals(9, answer.getInt("import.imported"));
        assertEquals(List.of(8), answer.getList("import.rejected.row"), answer.prettify());
        assertEquals("appeal_id", answer.getString("import.rejected[0].column"), answer.prettify());
        assertTrue(answer.getString("import.rejected[0].reason").startsWith("Twenty refused the row"), answer.prettify());
        assertEquals(9, EmulatorControl.records("giftStagings"));
    }

    @Test
    void rowsWithoutAnAppealOrFundTakeTheBatchsDefaults() {
        String spring = api().body(Map.of("name", "Spring")).post("/api/fundraising/appeals").then().statusCode(200)
                .extract().path("data.createAppeal.id");
        String winter = api().body(Map.of("name", "Winter")).post("/api/fundraising/appeals").then().statusCode(200)
                .extract().path("data.createAppeal.id");
        String batch = api().body(Map.of("name", "Deposit", "defaultAppealId", winter, "defaultFundId", "general"))
                .post(BATCHES).then().statusCode(200).body("data.createGiftBatch.defaultAppealId", equalTo(winter))
                .extract().path("data.createGiftBatch.id");
        assertEquals(2, BatchRunsApi.importCsv(batch, "first_name,last_name,amount,currency,appeal_id,fund_id\n"
                + "Ada,Lovelace,5,GBP,,\nAlan,Turing,5,GBP," + spring + ",roof\n").getInt("import.imported"));
        JsonPath ada = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Ada\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals(winter, ada.getString("data.giftStagings[0].appealId"));
        assertEquals("general", ada.getString("data.giftStagings[0].fundId"));
        JsonPath alan = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Alan\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals(spring, alan.getString("data.giftStagings[0].appealId"), "a row's own appeal wins");
        assertEquals("roof", alan.getString("data.giftStagings[0].fundId"));
    }

    @Test
    void aRowWithAnAppealButNoFundTakesTheAppealsDefaultFund() {
        String appeal = api().body(Map.of("name", "Roof", "defaultFundId", "roof-fund")).post("/api/fundraising/appeals")
                .then().statusCode(200).body("data.createAppeal.defaultFundId", equalTo("roof-fund")).extract().path("data.createAppeal.id");
        String batch = api().body(Map.of("name", "Deposit", "defaultAppealId", appeal)).post(BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        EmulatorControl.clearStats();
        assertEquals(2, BatchRunsApi.importCsv(batch, "first_name,last_name,amount,currency,fund_id\nAda,Lovelace,5,GBP,\n"
                + "Alan,Turing,5,GBP,general\n").getInt("import.imported"));
        assertEquals(1L, EmulatorControl.calls("GET /rest/appeals"), "one read for the appeals' default funds");
        JsonPath ada = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Ada\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals("roof-fund", ada.getString("data.giftStagings[0].fundId"));
        JsonPath alan = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Alan\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals("general", alan.getString("data.giftStagings[0].fundId"), "a row's own fund wins");
    }

    @Test
    void aMappingNamesOtherHeaders() {
        String batch = batch(null);
        JsonPath mapped = BatchRunsApi.importCsv(batch, "Donor First,Donor Last,Gift,currency,Colour\nAda,Lovelace,5,EUR,blue\n",
                Map.of("mapping", "{\"Donor First\":\"first_name\",\"Donor Last\":\"last_name\",\"Gift\":\"amount\"}"));
        assertEquals(1, mapped.getInt("import.imported"));
        assertEquals(List.of("Colour"), mapped.getList("import.ignoredColumns"));
        given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv").queryParam("mapping", "{\"Gift\":\"sum\"}")
                .body("Gift\n5\n").post(BATCHES + "/" + batch + "/import").then().statusCode(400)
                .body("message", containsString("not a column"));
    }

    @Test
    void theBodyIsReadAsCsvWhateverTypeItIsSentAs() {
        String batch = batch(null);
        // curl --data-binary @gifts.csv sends the form type.
        String runId = given().auth().oauth2(EmulatorControl.KEY).contentType("application/x-www-form-urlencoded")
                .body("first_name,last_name,amount,currency\nAda,Lovelace,5,GBP\n")
                .post(BATCHES + "/" + batch + "/import").then().statusCode(202).extract().path("runId");
        assertEquals(1, BatchRunsApi.awaitFinished(batch, "import", runId).getInt("import.imported"));
        api().body(Map.of("amount", 5)).post(BATCHES + "/" + batch + "/import").then().statusCode(400)
                .body("message", containsString("no amount column"));
        given().contentType("text/csv").body("amount\n5\n").post(BATCHES + "/" + batch + "/import").then().statusCode(401);
    }

    @Test
    void aFileThatCannotBeUsedCostsNoWrite() {
        String batch = batch(null);
        EmulatorControl.clearStats();
        upload(batch, "name,email\nAda,ada@example.org\n").then().statusCode(400).body("message", containsString("no amount column"));
        upload(batch, "").then().statusCode(400).body("message", containsString("empty"));
        assertEquals(Map.of(), EmulatorControl.callsByRoute());
        upload(batch, "first_name,last_name,amount,currency\nAda,Lovelace,\"5,GBP\n").then().statusCode(400)
                .body("message", containsString("cannot be read"));
        StringBuilder big = new StringBuilder("first_name,last_name,amount,currency\n");
        for (int i = 0; i <= CsvImport.MAX_ROWS; i++) {
            big.append("A,B,1,GBP\n");
        }
        upload(batch, big.toString()).then().statusCode(413).body("message", containsString("20000"));
        assertEquals(0, EmulatorControl.records("giftStagings"));
        upload(UUID.randomUUID().toString(), rows(1, "GBP")).then().statusCode(404);
    }

    @Test
    void anImportCutOffPartWayIsFinishedByUploadingAgain() {
        String batch = batch(null);
        String csv = rows(150, "GBP");
        // The second chunk's writes fail with 503 on every attempt: the first chunk is staged, the rest is not.
        EmulatorControl.fault(Map.of("path", "/rest/batch/giftStagings", "mode", "error", "status", 503, "skip", 1, "times", 3));
        JsonPath cutOff = BatchRunsApi.importCsv(batch, csv);
        assertEquals("failed", cutOff.getString("status"));
        assertTrue(cutOff.getString("error").contains("upload the same file again"), cutOff.prettify());
        assertEquals(60, cutOff.getInt("import.imported"));
        assertEquals(60, EmulatorControl.records("giftStagings"));
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.totalCount", equalTo(60));
        EmulatorControl.clearFaults();
        JsonPath finished = BatchRunsApi.importCsv(batch, csv);
        assertEquals(List.of(90, 60), List.of(finished.getInt("import.imported"), finished.getInt("import.duplicates")));
        assertEquals(150, EmulatorControl.records("giftStagings"));
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.totalCount", equalTo(150));
    }

    private static String batch(Map<String, Object> expectedAmount) {
        Map<String, Object> body = expectedAmount == null ? Map.of("name", "Deposit")
                : Map.of("name", "Deposit", "expectedAmount", expectedAmount);
        return api().body(body).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
    }

    private static String rows(int count, String currency) {
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date\n");
        for (int i = 1; i <= count; i++) {
            csv.append("Donor").append(i).append(",Example,d").append(i).append("@example.org,").append(i).append(',')
                    .append(currency).append(",2026-11-20\n");
        }
        return csv.toString();
    }

    private static Response upload(String batch, String csv) {
        return given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv; charset=utf-8")
                .body(csv.getBytes(StandardCharsets.UTF_8)).post(BATCHES + "/" + batch + "/import");
    }
}
