package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.gift.GiftRecords;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The process run of a gift batch against the emulator: paths, splits, deferrals, repeats, calls. */
@QuarkusTest
class BatchProcessRunTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
        EmulatorControl.clearStats();
    }

    @Test
    void readyRowsArePosted60ToACallAndMarkedProcessed() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        stage(batch, 130, i -> row(batch, donor, "ready_for_process", 1_000_000L * i));
        EmulatorControl.clearStats();

        JsonPath done = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", done.getString("status"));
        assertEquals(130, done.getInt("counters.processed"));
        assertEquals(130, done.getInt("execution.batchPathProcessed"));
        assertEquals(130, EmulatorControl.records("gifts"));
        // Each processed row names its donor and, apart, the gift it became.
        assertEquals(donor, done.getString("recentOutcomes[0].donorId"), done.prettify());
        String giftId = done.getString("recentOutcomes[0].giftId");
        Map<String, Long> calls = EmulatorControl.callsByRoute();
        assertEquals(3L, calls.get("POST /rest/batch/gifts"), calls.toString());
        assertEquals(3L, calls.get("POST /rest/batch/giftStagings"), calls.toString());
        long runCalls = calls.values().stream().mapToLong(Long::longValue).sum();
        assertEquals(runCalls, done.getLong("execution.twentyCalls"), "the run's own count: " + calls);
        assertEquals(1 + 3 * 2 + 2, runCalls, "a page read (Twenty serves up to 200 records a read), a gift "
                + "create and a processed mark per 60 rows, and the batch status twice: " + calls);
        assertEquals(donor, EmulatorControl.get("gifts", giftId).getString("data.gift.donorId"), done.prettify());
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("processed"));
        given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "processingStatus[neq]:\"processed\"")
                .get(EmulatorControl.REST + "/giftStagings").then().body("totalCount", equalTo(0));

        EmulatorControl.clearStats();
        JsonPath again = BatchRunsApi.run(batch, "process", null);
        assertEquals(0, again.getInt("counters.candidates"), "a processed batch has nothing left to post");
        assertEquals(0L, EmulatorControl.calls("POST /rest/batch/gifts"));
    }

    @Test
    void aRefusedChunkIsHalvedDownToTheRowAtFaultWhichIsLeftFailedWithTheReason() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        List<String> ids = stage(batch, 2, i -> row(batch, donor, "ready_for_process", 5_000_000L));
        // Twenty refuses every batch, and the first gift posted alone: the second row alone goes through.
        EmulatorControl.fault(Map.of("path", "/rest/batch/gifts", "mode", "error", "status", 400));
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 400, "times", 1));
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        EmulatorControl.clearFaults();
        assertEquals("completed_with_errors", done.getString("status"));
        assertEquals(1, done.getInt("execution.splitOperations"));
        assertEquals(1, done.getInt("execution.rowFallbackProcessed"));
        assertEquals(1, done.getInt("execution.rowFallbackErrors"));
        assertEquals(1, EmulatorControl.records("gifts"));
        List<String> statuses = new ArrayList<>();
        for (String id : ids) {
            JsonPath row = EmulatorControl.get("giftStagings", id);
            statuses.add(row.getString("data.giftStaging.processingStatus"));
            if ("process_failed".equals(row.getString("data.giftStaging.processingStatus"))) {
                assertTrue(row.getString("data.giftStaging.errorDetail").startsWith("Gift create failed"), row.prettify());
            }
        }
        assertEquals(List.of("process_failed", "processed"), statuses.stream().sorted().toList());
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("processed_with_issues"));

        // Run again once Twenty takes it: the failed row is posted, the posted one is not posted twice.
        JsonPath again = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", again.getString("status"));
        assertEquals(2, EmulatorControl.records("gifts"));
    }

    @Test
    void giftsAPreviousRunPostedAreFoundNotPostedTwice() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        List<String> ids = stage(batch, 70, i -> row(batch, donor, "processing", 2_000_000L));
        // A run that died after posting the first 60 gifts and before marking their rows.
        List<Map<String, Object>> posted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            posted.add(Map.of("id", GiftRecords.giftIdFor(ids.get(i)), "donorId", donor,
                    "amount", Map.of("amountMicros", 2_000_000, "currencyCode", "GBP"), "giftDate", "2026-11-20"));
        }
        given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(posted)
                .post(EmulatorControl.REST + "/batch/gifts").then().statusCode(201);
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", done.getString("status"));
        assertEquals(70, done.getInt("counters.processed"));
        assertEquals(70, EmulatorControl.records("gifts"), "every gift exactly once");
    }

    @Test
    void rowsWhoseDonorWaitsForAPersonOrIsUnknownWaitAndRecurringRowsGoOneByOne() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        String agreement = EmulatorControl.create("recurringAgreements", Map.of("donorId", donor, "status", "active",
                "cadence", "monthly", "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "GBP")));
        stage(batch, 1, i -> {
            Map<String, Object> row = row(batch, null, "pending", 1_000_000L);
            row.put("dedupeStatus", "needs_review");
            return row;
        });
        stage(batch, 1, i -> row(batch, null, "ready_for_process", 1_000_000L));
        stage(batch, 1, i -> {
            Map<String, Object> row = row(batch, donor, "ready_for_process", 10_000_000L);
            row.put("recurringAgreementId", agreement);
            return row;
        });
        JsonPath done = BatchRunsApi.run(batch, "process", Map.of("maxRows", 3));
        assertEquals("completed", done.getString("status"));
        assertEquals(Map.of("candidates", 3, "attempted", 3, "processed", 1, "deferred", 2, "errors", 0), done.getMap("counters"));
        assertEquals(1, done.getInt("execution.rowFallbackProcessed"));
        assertEquals(2, done.getInt("execution.rowFallbackDeferred"));
        assertEquals(Map.of("deferred", 2, "processed", 1), done.getMap("outcomes"));
        assertEquals(1, EmulatorControl.get("recurringAgreements", agreement).getInt("data.recurringAgreement.paidInstallmentCount"));
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("processed_with_issues"));
    }

    @Test
    void aBatchAnswerThatDoesNotMatchWhatWasSentStopsTheRunLoudly() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        List<String> ids = stage(batch, 5, i -> row(batch, donor, "pending", 1_000_000L));
        EmulatorControl.fault(Map.of("path", "/rest/batch/gifts", "mode", "short_answer", "times", 1));
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        EmulatorControl.clearFaults();
        assertEquals("failed", done.getString("status"));
        assertTrue(done.getString("error").contains("correlation_contract_failure: response_length_mismatch"), done.prettify());
        assertEquals(1L, EmulatorControl.calls("POST /rest/batch/gifts"), "no split and no retry of the create");
        for (String id : ids) {
            JsonPath row = EmulatorControl.get("giftStagings", id);
            assertEquals("process_failed", row.getString("data.giftStaging.processingStatus"));
            assertTrue(row.getString("data.giftStaging.errorDetail").startsWith("correlation_contract_failure"));
        }
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("process_failed"));

        // The gifts Twenty did create are found by their ids when the batch is run again: none is posted twice.
        JsonPath again = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", again.getString("status"));
        assertEquals(5, EmulatorControl.records("gifts"));
    }

    @Test
    void a429StormMidRunIsWaitedOutOnTheGateAndEveryGiftIsPostedOnce() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        stage(batch, 130, i -> row(batch, donor, "pending", 1_000_000L * i));
        EmulatorControl.clearStats();
        EmulatorControl.fault(Map.of("path", "/rest/batch/gifts", "mode", "rate_limit", "times", 3));
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(130, done.getInt("counters.processed"));
        assertEquals(130, EmulatorControl.records("gifts"));
        assertEquals(3, EmulatorControl.stats().getInt("throttled"), "three 429s were answered");
        long calls = EmulatorControl.callsByRoute().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(calls, done.getLong("execution.twentyCalls"), "every attempt counted, the 429s too");
    }

    @Test
    void aProcessedMarkThatCannotBeWrittenIsAnErrorAndRunningAgainPostsNothingTwice() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        stage(batch, 70, i -> row(batch, donor, "pending", 1_000_000L * i));
        EmulatorControl.fault(Map.of("path", "/rest/batch/giftStagings", "mode", "error", "status", 400, "times", 1));
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed_with_errors", done.getString("status"), done.prettify());
        assertEquals(10, done.getInt("counters.processed"), "the second chunk's marks were written");
        assertEquals(60, done.getInt("counters.errors"));
        assertTrue(done.getString("recentOutcomes[0].reason").startsWith("writeback_failed"), done.prettify());
        assertEquals(70, EmulatorControl.records("gifts"), "the gifts exist; only their marks are missing");
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("processed_with_issues"));

        JsonPath again = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", again.getString("status"));
        assertEquals(60, again.getInt("counters.processed"));
        assertEquals(70, EmulatorControl.records("gifts"), "found by their ids, not posted twice");
    }

    @Test
    void twentyDownMidRunFailsTheRunAndRunningItAgainFinishesIt() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        stage(batch, 130, i -> row(batch, donor, "pending", 1_000_000L));
        // The first chunk goes through; then Twenty answers 503 to every gift create, retries included.
        EmulatorControl.fault(Map.of("path", "/rest/batch/gifts", "mode", "error", "status", 503, "skip", 1));
        JsonPath down = BatchRunsApi.run(batch, "process", null);
        EmulatorControl.clearFaults();
        assertEquals("failed", down.getString("status"));
        assertEquals(60, down.getInt("counters.processed"));
        assertEquals(60, EmulatorControl.records("gifts"));
        api().get(BATCHES + "/" + batch).then().body("data.giftBatch.status", equalTo("process_failed"));

        JsonPath again = BatchRunsApi.run(batch, "process", null);
        assertEquals("completed", again.getString("status"));
        assertEquals(70, again.getInt("counters.processed"));
        assertEquals(130, EmulatorControl.records("gifts"));
    }

    @Test
    void aDryRunTellsThePlanAndWritesNothing() {
        String batch = batch();
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        stage(batch, 100, i -> row(batch, donor, "pending", 1_000_000L));
        stage(batch, 5, i -> row(batch, null, "pending", 1_000_000L));
        EmulatorControl.clearStats();
        JsonPath plan = api().body(Map.of("dryRun", true)).post(BATCHES + "/" + batch + "/process").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(true, plan.getBoolean("dryRun"));
        assertEquals(Map.of("batchPath", 100, "deferred", 5), plan.getMap("rows"));
        assertEquals(Map.of("donor_unresolved", 5), plan.getMap("reasons"));
        assertEquals(Map.of("gifts", 100, "giftStagings", 100, "giftBatches", 2), plan.getMap("writes"));
        assertEquals(1 + 2 * 2 + 2, plan.getInt("twentyCalls"), "one read of up to 200 rows, a create and a mark per chunk, the status twice");
        assertTrue(plan.getLong("expectedSeconds") >= 0 && plan.getString("expectedFinishAt") != null, plan.prettify());
        assertEquals(0, EmulatorControl.records("gifts"));
        Map<String, Long> calls = EmulatorControl.callsByRoute();
        assertTrue(calls.keySet().stream().allMatch(route -> route.startsWith("GET ")), "a dry run only reads: " + calls);

        // What it planned is what the run does.
        EmulatorControl.clearStats();
        JsonPath done = BatchRunsApi.run(batch, "process", null);
        assertEquals(100, done.getInt("execution.batchPathProcessed"));
        assertEquals(plan.getInt("twentyCalls"), done.getInt("execution.twentyCalls"));
    }

    private interface RowMaker {
        Map<String, Object> row(int index);
    }

    private static List<String> stage(String batch, int count, RowMaker maker) {
        List<String> ids = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            Map<String, Object> row = maker.row(i);
            String id = UUID.randomUUID().toString();
            row.put("id", id);
            ids.add(id);
            rows.add(row);
            if (rows.size() == 60 || i == count) {
                given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(rows)
                        .post(EmulatorControl.REST + "/batch/giftStagings").then().statusCode(201);
                rows = new ArrayList<>();
            }
        }
        return ids;
    }

    private static Map<String, Object> row(String batch, String donor, String status, long micros) {
        Map<String, Object> row = new HashMap<>();
        row.put("giftBatchId", batch);
        if (donor != null) {
            row.put("donorId", donor);
        }
        row.put("processingStatus", status);
        row.put("amount", Map.of("amountMicros", micros, "currencyCode", "GBP"));
        row.put("giftDate", "2026-11-20");
        row.put("intakeSource", "csv_import");
        return row;
    }


    private static String batch() {
        return api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
    }
}
