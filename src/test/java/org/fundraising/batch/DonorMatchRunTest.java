package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The donor-match run of a gift batch against the emulator: verdicts, writes, calls, the one-run guard, events. */
@QuarkusTest
class DonorMatchRunTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
        EmulatorControl.clearStats();
    }

    @Test
    void everyUnresolvedRowGetsAVerdictWrittenOnceAndTheCallsAreCounted() {
        String batch = batch();
        // 50 donors who exist exactly, 20 names two people share (a reviewer decides), 40 nobody has.
        List<Map<String, Object>> people = new ArrayList<>();
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency\n");
        for (int i = 1; i <= 50; i++) {
            people.add(person("Known" + i, "Donor", "known" + i + "@example.org"));
            csv.append("Known").append(i).append(",Donor,known").append(i).append("@example.org,10,GBP\n");
        }
        for (int i = 1; i <= 20; i++) {
            people.add(person("Twin" + i, "Donor", null));
            people.add(person("Twin" + i, "Donor", null));
            csv.append("Twin").append(i).append(",Donor,,10,GBP\n");
        }
        for (int i = 1; i <= 40; i++) {
            csv.append("New").append(i).append(",Donor,new").append(i).append("@example.org,10,GBP\n");
        }
        for (int from = 0; from < people.size(); from += 60) {
            given().auth().oauth2(EmulatorControl.KEY).contentType("application/json")
                    .body(people.subList(from, Math.min(from + 60, people.size()))).post(EmulatorControl.REST + "/batch/people")
                    .then().statusCode(201);
        }
        assertEquals(110, BatchRunsApi.importCsv(batch, csv.toString()).getInt("import.imported"));

        EmulatorControl.clearStats();
        JsonPath plan = api().body(Map.of("dryRun", true)).post(BATCHES + "/" + batch + "/donor-match").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(Map.of("candidates", 110), plan.getMap("rows"));
        assertEquals(0L, EmulatorControl.calls("POST /rest/batch/giftStagings"), "a dry run writes nothing");

        EmulatorControl.clearStats();
        Response started = api().post(BATCHES + "/" + batch + "/donor-match");
        started.then().statusCode(202).body("runType", equalTo("donor-match")).body("batchId", equalTo(batch));
        JsonPath done = BatchRunsApi.awaitFinished(batch, "donor-match", started.jsonPath().getString("runId"));
        assertEquals("completed", done.getString("status"));
        assertEquals(Map.of("candidates", 110, "attempted", 110, "processed", 110, "deferred", 60, "errors", 0),
                done.getMap("counters"));
        assertEquals(Map.of("auto_linked", 50, "partial_match_review", 20, "no_match", 40), done.getMap("outcomes"));
        Map<String, Long> calls = EmulatorControl.callsByRoute();
        assertEquals(2L, calls.get("POST /rest/batch/giftStagings"), "one upsert per chunk of 60: " + calls);
        long total = calls.entrySet().stream().filter(e -> !e.getKey().startsWith("GET /rest/giftBatches"))
                .mapToLong(Map.Entry::getValue).sum();
        assertEquals(total, done.getLong("execution.twentyCalls"), "the run's own count: " + calls);
        assertTrue(total <= 2 * 5, "at most five calls per 60 rows (read, lookups, upsert): " + calls);
        assertTrue(total <= plan.getInt("twentyCalls") && plan.getInt("twentyCalls") <= total + 2,
                "the plan counts at most: a gifts read for each chunk, which the run makes only where it linked donors");

        JsonPath linked = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Known7\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals("matched_existing", linked.getString("data.giftStagings[0].dedupeStatus"));
        assertNotNull(linked.getString("data.giftStagings[0].donorId"));
        assertEquals("auto_linked", linked.getString("data.giftStagings[0].processingDiagnostics.identityResolution.status"));
        assertEquals(done.getString("runId"), linked.getString("data.giftStagings[0].processingDiagnostics.identityResolution.runId"));
        JsonPath twin = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "donorFirstName[eq]:\"Twin3\"")
                .get(EmulatorControl.REST + "/giftStagings").then().extract().jsonPath();
        assertEquals("needs_review", twin.getString("data.giftStagings[0].dedupeStatus"));
        assertEquals(2, twin.getList("data.giftStagings[0].processingDiagnostics.identityResolution.candidateDonorIds").size());
        assertEquals(0, EmulatorControl.records("people") - people.size(), "a donor-match run never creates a donor");

        // Again: the linked rows are no longer candidates, the others keep their verdict and are not written again.
        EmulatorControl.clearStats();
        JsonPath again = BatchRunsApi.awaitFinished(batch, "donor-match", api().post(BATCHES + "/" + batch + "/donor-match").then().statusCode(202)
                .extract().path("runId"));
        assertEquals(60, again.getInt("counters.candidates"));
        assertEquals(0L, EmulatorControl.calls("POST /rest/batch/giftStagings"), "unchanged verdicts are not written");
    }

    @Test
    void oneRunPerBatchAtATimeAndItsEventsEndWithIt() {
        String batch = batch();
        BatchRunsApi.importCsv(batch, "first_name,last_name,amount,currency\nAda,Lovelace,10,GBP\n");
        EmulatorControl.fault(Map.of("path", "/rest/people", "method", "GET", "mode", "delay", "delayMs", 1500, "times", 1));
        String first = api().post(BATCHES + "/" + batch + "/donor-match").then().statusCode(202).extract().path("runId");
        api().post(BATCHES + "/" + batch + "/donor-match").then().statusCode(409)
                .body("details[0].runId", equalTo(first)).body("message", containsString(first));
        String events = given().auth().oauth2(EmulatorControl.KEY).accept("text/event-stream")
                .get(BATCHES + "/" + batch + "/donor-match/" + first + "/events").then().statusCode(200).extract().asString();
        assertTrue(events.contains("\"status\":\"running\"") && events.contains("\"status\":\"completed\""), events);
        assertTrue(events.indexOf("\"completed\"") > events.indexOf("\"running\""), events);
        api().get(BATCHES + "/" + batch + "/donor-match/" + first).then().statusCode(200).body("status", equalTo("completed"));
        api().post(BATCHES + "/" + batch + "/donor-match").then().statusCode(202);
    }

    @Test
    void unknownBatchesAndRunsAre404AndBadStartsAre400() {
        api().post(BATCHES + "/" + UUID.randomUUID() + "/donor-match").then().statusCode(404);
        String batch = batch();
        api().get(BATCHES + "/" + batch + "/donor-match/" + UUID.randomUUID()).then().statusCode(404);
        api().body(Map.of("maxRows", 0)).post(BATCHES + "/" + batch + "/donor-match").then().statusCode(400)
                .body("details[0].field", equalTo("maxRows"));
        api().body(Map.of("rows", 5)).post(BATCHES + "/" + batch + "/donor-match").then().statusCode(400)
                .body("details[0].field", equalTo("rows"));
        api().body(Map.of("maxRows", "5")).post(BATCHES + "/" + batch + "/donor-match").then().statusCode(400)
                .body("details[0].field", equalTo("maxRows"));
        api().body(Map.of("dryRun", "yes")).post(BATCHES + "/" + batch + "/process").then().statusCode(400)
                .body("details[0].field", equalTo("dryRun"));
        api().body(Map.of("maxRows", 1.5)).post(BATCHES + "/" + batch + "/process").then().statusCode(400);
    }

    @Test
    void aVerdictThatCannotBeWrittenIsAnErrorOnItsRowsNotANoMatch() {
        String batch = batch();
        BatchRunsApi.importCsv(batch, "first_name,last_name,amount,currency\nAda,Lovelace,10,GBP\nAlan,Turing,5,GBP\n");
        EmulatorControl.fault(Map.of("path", "/rest/batch/giftStagings", "mode", "error", "status", 400));
        JsonPath done = BatchRunsApi.awaitFinished(batch, "donor-match", api().body(Map.of("maxRows", 1)).post(BATCHES + "/" + batch + "/donor-match")
                .then().statusCode(202).extract().path("runId"));
        EmulatorControl.clearFaults();
        assertEquals("completed_with_errors", done.getString("status"));
        assertEquals(1, done.getInt("counters.candidates"), "maxRows caps the run");
        assertEquals(1, done.getInt("counters.errors"));
        assertEquals("error", done.getString("recentOutcomes[0].outcome"));
    }


    private static Map<String, Object> person(String first, String last, String email) {
        return email == null ? Map.of("name", Map.of("firstName", first, "lastName", last))
                : Map.of("name", Map.of("firstName", first, "lastName", last), "emails", Map.of("primaryEmail", email));
    }

    private static String batch() {
        return api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
    }

}
