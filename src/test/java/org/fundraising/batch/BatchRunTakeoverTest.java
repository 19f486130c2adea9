package org.fundraising.batch;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.fundraising.gift.GiftRecords;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A run whose instance stopped mid-way (its snapshot says running, its hold on the batch has run out, its ticket
 * is in the store) is taken over by this instance with no one asking: same run id, what it had done kept, the
 * gifts the stopped instance had posted but not yet marked found again rather than posted twice.
 */
@QuarkusTest
class BatchRunTakeoverTest {

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
    void aRunWhoseInstanceStoppedIsTakenOverAndEveryGiftIsPostedOnce() throws Exception {
        String batch = api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200)
                .extract().path("data.createGiftBatch.id");
        String donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")));
        List<String> rowIds = new ArrayList<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i <= 130; i++) {
            String id = UUID.randomUUID().toString();
            rowIds.add(id);
            rows.add(Map.of("id", id, "giftBatchId", batch, "donorId", donor, "processingStatus", "pending",
                    "giftDate", "2026-11-20", "amount", Map.of("amountMicros", i * 1_000_000L, "currencyCode", "GBP")));
            if (rows.size() == 60 || i == 130) {
                given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(rows)
                        .post(EmulatorControl.REST + "/batch/giftStagings").then().statusCode(201);
                rows = new ArrayList<>();
            }
        }
        // The stopped instance had posted the first chunk's gifts, and died before marking their rows processed.
        List<Map<String, Object>> posted = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            posted.add(Map.of("id", GiftRecords.giftIdFor(rowIds.get(i)), "donorId", donor, "giftDate", "2026-11-20",
                    "amount", Map.of("amountMicros", (i + 1) * 1_000_000L, "currencyCode", "GBP")));
        }
        given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(posted)
                .post(EmulatorControl.REST + "/batch/gifts").then().statusCode(201);

        String runId = UUID.randomUUID().toString();
        RunSnapshot left = new RunSnapshot(runId, batch, RunType.PROCESS_BATCH, RunSnapshot.Status.RUNNING,
                Instant.now().minusSeconds(300).toString(), null, null, new RunSnapshot.Counters(60, 0, 0, 0, 0), Map.of(),
                new RunSnapshot.Execution(4, 0, 0, 0, 0, 0, 0), List.of(), null, null);
        store.put("batch-run:" + runId, json.writeValueAsString(left), Duration.ofHours(1)).await().atMost(WAIT);
        JsonPath waiting = api().get(BATCHES + "/" + batch + "/process/" + runId).then().statusCode(200).extract().jsonPath();
        assertEquals("queued", waiting.getString("status"), "no instance holds it: it waits to be taken over");

        EmulatorControl.clearStats();
        store.enqueue(BatchRuns.TICKETS, json.writeValueAsString(new RunJob(runId, batch, RunType.PROCESS_BATCH, null, List.of(), null)))
                .await().atMost(WAIT);
        JsonPath done = BatchRunsApi.awaitFinished(batch, "process", runId);

        assertEquals("completed", done.getString("status"), done.prettify());
        assertEquals(1, done.getInt("execution.takeovers"));
        assertEquals(left.startedAt(), done.getString("startedAt"), "the same run, started when it was");
        assertEquals(130, done.getInt("counters.processed"));
        assertEquals(130, EmulatorControl.records("gifts"), "the 60 gifts posted before the stop are not posted again");
        EmulatorControl.queryMaxRecords(200);
        Set<String> giftIds = new HashSet<>(given().auth().oauth2(EmulatorControl.KEY).queryParam("limit", 200)
                .get(EmulatorControl.REST + "/gifts").then().extract().jsonPath().getList("data.gifts.id"));
        assertEquals(130, giftIds.size());
        rowIds.forEach(id -> assertEquals(true, giftIds.contains(GiftRecords.giftIdFor(id)), "the gift of row " + id));
        given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "processingStatus[neq]:\"processed\"")
                .get(EmulatorControl.REST + "/giftStagings").then().statusCode(200)
                .body("totalCount", equalTo(0));
        assertEquals(0L, EmulatorControl.calls("POST /rest/gifts"), "no gift went one by one");
    }
}
