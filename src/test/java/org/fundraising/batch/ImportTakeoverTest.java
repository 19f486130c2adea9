package org.fundraising.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.fundraising.platform.Ids;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An import is a run like the others, so an instance that stops part way through a file does not leave it half
 * staged: its file is kept in the operational store while the run is active, and another instance takes the run
 * over, skips the rows the snapshot says were written, stages the rest once, and counts the batch's totals again.
 * A file the store no longer has ends the run saying to upload it again.
 */
@QuarkusTest
class ImportTakeoverTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    OperationalStore store;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
    }

    @Test
    void anImportWhoseInstanceStoppedIsTakenOverAndEveryRowIsStagedOnce() throws Exception {
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        StringBuilder file = new StringBuilder("first_name,last_name,email,amount,currency,gift_date\n");
        for (int i = 1; i <= 150; i++) {
            file.append("Donor").append(i).append(",Example,d").append(i).append("@example.org,").append(i).append(",GBP,2026-11-20\n");
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        // The stopped instance had staged the first chunk (rows 2 to 61 of the file) and saved its snapshot.
        List<Map<String, Object>> staged = new ArrayList<>();
        for (int row = 2; row <= 61; row++) {
            staged.add(Map.of("id", Ids.derived("gift-batch-import:" + batch + ":" + hash + ":" + row), "giftBatchId", batch,
                    "intakeSource", "csv_import", "amount", Map.of("amountMicros", (row - 1) * 1_000_000L, "currencyCode", "GBP")));
        }
        given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(staged)
                .post(EmulatorControl.REST + "/batch/giftStagings").then().statusCode(201);

        String runId = UUID.randomUUID().toString();
        RunJob.ImportFile kept = new RunJob.ImportFile("batch-import-file:" + batch + ":" + hash, hash, Map.of(), "GBP",
                LocalDate.now().toString());
        store.put(kept.key(), Base64.getEncoder().encodeToString(body), Duration.ofHours(1)).await().atMost(WAIT);
        RunSnapshot left = new RunSnapshot(runId, batch, RunType.IMPORT, RunSnapshot.Status.RUNNING,
                Instant.now().minusSeconds(300).toString(), null, null, new RunSnapshot.Counters(150, 60, 60, 0, 0), Map.of(),
                new RunSnapshot.Execution(2, 0, 0, 0, 0, 0, 0), List.of(), null,
                new ImportAnswer(batch, 60, 0, List.of(), List.of()));
        store.put("batch-run:" + runId, json.writeValueAsString(left), Duration.ofHours(1)).await().atMost(WAIT);
        store.enqueue(BatchRuns.TICKETS, json.writeValueAsString(new RunJob(runId, batch, RunType.IMPORT, null, List.of(), kept)))
                .await().atMost(WAIT);

        JsonPath done = BatchRunsApi.awaitFinished(batch, "import", runId);
        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(1, done.getInt("execution.takeovers"));
        assertEquals(150, done.getInt("import.imported"), "60 before the stop and 90 after");
        assertEquals(0, done.getInt("import.duplicates"), "the rows written before the stop are skipped, not found again");
        assertEquals(150, EmulatorControl.records("giftStagings"));
        JsonPath totals = api().get(BATCHES + "/" + batch).then().statusCode(200).extract().jsonPath();
        assertEquals(150, totals.getInt("data.giftBatch.totalCount"), "counted again from the rows");
        assertEquals(150L * 151 / 2 * 1_000_000L, totals.getLong("data.giftBatch.totalAmount.amountMicros"));
        assertTrue(store.get(kept.key()).await().atMost(WAIT).isEmpty(), "the file is let go once its run has ended");
    }

    @Test
    void aTakenOverImportWhoseFileIsGoneSaysToUploadItAgain() throws Exception {
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        String runId = UUID.randomUUID().toString();
        RunJob.ImportFile gone = new RunJob.ImportFile("batch-import-file:" + batch + ":0", "0", Map.of(), "GBP",
                LocalDate.now().toString());
        RunSnapshot left = new RunSnapshot(runId, batch, RunType.IMPORT, RunSnapshot.Status.RUNNING,
                Instant.now().toString(), null, null, new RunSnapshot.Counters(10, 0, 0, 0, 0), Map.of(),
                new RunSnapshot.Execution(1, 0, 0, 0, 0, 0, 0), List.of(), null, new ImportAnswer(batch, 0, 0, List.of(), List.of()));
        store.put("batch-run:" + runId, json.writeValueAsString(left), Duration.ofHours(1)).await().atMost(WAIT);
        store.enqueue(BatchRuns.TICKETS, json.writeValueAsString(new RunJob(runId, batch, RunType.IMPORT, null, List.of(), gone)))
                .await().atMost(WAIT);

        JsonPath done = BatchRunsApi.awaitFinished(batch, "import", runId);
        assertEquals("failed", done.getString("status"));
        assertTrue(done.getString("error").contains("upload it again"), done.prettify());
    }
}
