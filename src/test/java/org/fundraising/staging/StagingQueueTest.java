package org.fundraising.staging;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The staging queue: intake, native list parameters (spec §2.1), edits (§2.4) and status vocabularies. */
@QuarkusTest
class StagingQueueTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static String stage(Map<String, Object> body) {
        return api().body(body).post(STAGING).then().statusCode(201).extract().path("data.giftStaging.id");
    }

    @Test
    void stagingIntakeNeverPostsNorCreatesButLinksTheOneExactPerson() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        EmulatorControl.clearStats();
        JsonPath answer = api().body(gift(contact("Ada", "Lovelace", "ADA@example.org"), true)).post(STAGING).then()
                .statusCode(201).extract().jsonPath();
        assertEquals(false, answer.getBoolean("data.giftStaging.autoProcess"));
        assertEquals("pending", answer.getString("data.giftStaging.processingStatus"));
        assertEquals("matched_existing", answer.getString("data.giftStaging.dedupeStatus"));
        assertEquals(ada, answer.getString("data.giftStaging.donorId"));
        assertEquals("staging_only", answer.getString("data.giftStaging.processingDiagnostics.autoProcess.reason"));
        assertEquals(true, answer.getBoolean("meta.stagedOnly"));
        assertEquals(true, answer.getBoolean("meta.rawPayloadAvailable"));
        assertEquals(true, answer.getString("meta.rawPayload").contains("\"amountMicros\":15500000"));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/giftStagings", 1L), EmulatorControl.callsByRoute());

        String review = stage(with(gift(null, false), "donorFirstName", "Ada", "donorLastName", "Lovelace"));
        api().get(STAGING + "/" + review).then().body("data.giftStaging.dedupeStatus", equalTo("needs_review"))
                .body("data.giftStaging.donorId", nullValue());
        String unknown = stage(with(gift(null, false), "donorFirstName", "Grace", "donorLastName", "Hopper"));
        api().get(STAGING + "/" + unknown).then().body("data.giftStaging.dedupeStatus", equalTo("pending"))
                .body("data.giftStaging.processingDiagnostics.identityResolution.status", equalTo("no_match"));
        assertEquals(1, EmulatorControl.records("people"));
        assertEquals(0, EmulatorControl.records("gifts"));
        api().body(gift(null, false)).post(STAGING).then().statusCode(400).body("details[0].field", equalTo("contact"));
        api().body(with(gift(contact("A", "B", null), false), "processingStatus", "processed")).post(STAGING).then()
                .statusCode(400).body("details[0].field", equalTo("processingStatus"));
    }

    @Test
    void theListSendsTwentyNativeParametersAndPagesByItsCursor() {
        String batch = EmulatorControl.create("giftBatches", Map.of("name", "November"));
        String other = EmulatorControl.create("giftBatches", Map.of("name", "Other"));
        for (int i = 0; i < 3; i++) {
            stage(with(gift(contact("Ada" + i, "Lovelace", null), false), "giftBatchId", batch, "intakeSource", "csv_import"));
        }
        stage(with(gift(contact("Other", "Batch", null), false), "giftBatchId", other, "intakeSource", "csv_import"));
        JsonPath first = api().queryParam("giftBatchId", batch).queryParam("statuses", "pending,needs_review")
                .queryParam("intakeSources", "csv_import").queryParam("search", "love").queryParam("sort", "amount:asc")
                .queryParam("limit", "2").get(STAGING).then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("filter", "and(or(processingStatus[in]:[\"pending\"],dedupeStatus[in]:[\"needs_review\"]),"
                        + "intakeSource[in]:[\"csv_import\"],giftBatchId[eq]:\"" + batch + "\","
                        + "or(donorFirstName[ilike]:\"%love%\",donorLastName[ilike]:\"%love%\",donorEmail[ilike]:\"%love%\","
                        + "externalId[ilike]:\"%love%\",providerPaymentId[ilike]:\"%love%\"))",
                "order_by", "amount.amountMicros[AscNullsFirst]", "limit", "2", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/giftStagings"));
        assertEquals(2, first.getList("data").size());
        assertEquals(true, first.getBoolean("meta.hasMore"));
        String cursor = first.getString("meta.nextCursor");
        JsonPath second = api().queryParam("batchId", batch).queryParam("statuses", "pending,needs_review")
                .queryParam("intakeSources", "csv_import").queryParam("search", "love").queryParam("sort", "amount:asc")
                .queryParam("limit", "2").queryParam("cursor", cursor).get(STAGING).then().statusCode(200).extract().jsonPath();
        assertEquals(cursor, EmulatorControl.lastQuery("GET", "/rest/giftStagings").get("starting_after"));
        assertEquals(1, second.getList("data").size());
        assertEquals(false, second.getBoolean("meta.hasMore"));
        assertNull(second.getString("meta.nextCursor"));
        assertFalse(second.getList("data.giftBatchId").contains(other), "a row of another batch is never listed");

        api().queryParam("limit", "500").get(STAGING).then().statusCode(200);
        assertEquals("60", EmulatorControl.lastQuery("GET", "/rest/giftStagings").get("limit"));
        api().get(STAGING).then().statusCode(200);
        assertEquals(Map.of("order_by", "createdAt[DescNullsLast]", "limit", "25", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/giftStagings"));
    }

    @Test
    void badListParametersAre400WithoutATwentyCall() {
        api().queryParam("statuses", "pending,lost").get(STAGING).then().statusCode(400).body("details[0].field", equalTo("statuses"));
        api().queryParam("sort", "colour:asc").get(STAGING).then().statusCode(400).body("details[0].field", equalTo("sort"));
        api().queryParam("limit", "many").get(STAGING).then().statusCode(400).body("details[0].field", equalTo("limit"));
        api().queryParam("giftBatchId", "nope").get(STAGING).then().statusCode(400).body("details[0].field", equalTo("giftBatchId"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void theListItemHasTheOriginalsFieldsFlattened() {
        Map<String, Object> body = with(gift(contact("Ada", "Lovelace", null), false), "feeAmount", Map.of("amountMicros", 500_000),
                "notes", "by post", "giftAidEligible", true);
        String id = stage(body);
        api().get(STAGING).then().statusCode(200)
                .body("data[0].id", equalTo(id))
                .body("data[0].amountMicros", equalTo(15_500_000))
                .body("data[0].currencyCode", equalTo("GBP"))
                .body("data[0].feeAmountMicros", equalTo(500_000))
                .body("data[0].feeCurrencyCode", equalTo("GBP"))
                .body("data[0].giftAidEligible", equalTo(true))
                .body("data[0].isInKind", equalTo(false))
                .body("data[0].intakeSource", equalTo("manual_ui"))
                .body("data[0].receiptStatus", equalTo("pending"))
                .body("data[0].receiptWarnings", equalTo(List.of("Missing email for receipt")))
                .body("data[0].rawPayloadAvailable", equalTo(true));
        api().get(STAGING + "/" + id).then().body("data.giftStaging.rawPayload", containsString("\"notes\":\"by post\""));
        api().get(STAGING + "/" + UUID.randomUUID()).then().statusCode(404);
        api().get(STAGING + "/not-a-uuid").then().statusCode(400);
    }

    @Test
    void editsClearTheColumnAndTheAuditCopyAndLeaveTheRestAlone() {
        String id = stage(with(gift(contact("Ada", "Lovelace", "ada@example.org"), false), "notes", "by post",
                "feeAmount", Map.of("amountMicros", 500_000, "currencyCode", "GBP")));
        Map<String, Object> edits = new HashMap<>();
        edits.put("notes", null);
        edits.put("amountMicros", 20_000_000);
        edits.put("feeAmountMicros", null);
        edits.put("donorEmail", "");
        EmulatorControl.clearStats();
        JsonPath answer = api().body(edits).patch(STAGING + "/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(Map.of("GET /rest/giftStagings/{id}", 1L, "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        assertNull(answer.getString("data.giftStaging.notes"));
        assertNull(answer.getString("data.giftStaging.donorEmail"));
        assertNull(answer.getString("data.giftStaging.feeAmountMicros"));
        assertEquals(20_000_000, answer.getInt("data.giftStaging.amountMicros"));
        assertEquals("GBP", answer.getString("data.giftStaging.currencyCode"));
        assertEquals("Ada", answer.getString("data.giftStaging.donorFirstName"));
        JsonPath twenty = EmulatorControl.get("giftStagings", id);
        assertNull(twenty.getString("data.giftStaging.notes"), "the Twenty column is cleared, not left stale");
        assertEquals(false, twenty.getMap("data.giftStaging.rawPayload").containsKey("notes"));
        assertEquals(20_000_000, twenty.getInt("data.giftStaging.rawPayload.amount.amountMicros"));
        assertEquals("Lovelace", twenty.getString("data.giftStaging.rawPayload.donorLastName"));

        api().body(Map.of("currencyCode", "EUR")).patch(STAGING + "/" + id).then().statusCode(200)
                .body("data.giftStaging.amountMicros", equalTo(20_000_000)).body("data.giftStaging.currencyCode", equalTo("EUR"));
    }

    @Test
    void badEditsAre400WithTheFieldNamedAndNothingWritten() {
        String id = stage(gift(contact("Ada", "Lovelace", null), false));
        EmulatorControl.clearStats();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("{\"processingStatus\":\"done\"}", "processingStatus");
        cases.put("{\"dedupeStatus\":\"maybe\"}", "dedupeStatus");
        cases.put("{\"amountMicros\":-5}", "amountMicros");
        cases.put("{\"amountMicros\":null}", "amountMicros");
        cases.put("{\"currencyCode\":\"XYZ\"}", "currencyCode");
        cases.put("{\"giftDate\":\"2026-02-30\"}", "giftDate");
        cases.put("{\"appealId\":\"appeal-1\"}", "appealId");
        cases.put("{\"colour\":\"red\"}", "colour");
        cases.forEach((body, field) -> api().body(body).patch(STAGING + "/" + id).then().statusCode(400)
                .body("details[0].field", equalTo(field)));
        api().body("{}").patch(STAGING + "/" + id).then().statusCode(400);
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
        api().body(Map.of("notes", "x")).patch(STAGING + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void theStatusRouteChecksVocabulariesAndCostsOneCall() {
        String id = stage(gift(contact("Ada", "Lovelace", null), false));
        EmulatorControl.clearStats();
        api().body(Map.of("processingStatus", "ready_for_process", "validationStatus", "passed")).patch(STAGING + "/" + id + "/status")
                .then().statusCode(200).body("ok", equalTo(true));
        assertEquals(Map.of("PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        api().body(Map.of("processingStatus", "promoted")).patch(STAGING + "/" + id + "/status").then().statusCode(400)
                .body("details[0].field", equalTo("processingStatus"));
        api().body(Map.of("validationStatus", "ok")).patch(STAGING + "/" + id + "/status").then().statusCode(400);
        api().body(Map.of()).patch(STAGING + "/" + id + "/status").then().statusCode(200).body("ok", equalTo(true));
        Map<String, Object> clear = new HashMap<>();
        clear.put("errorDetail", null);
        clear.put("rawPayload", "{\"note\":\"from the smoke client\"}");
        api().body(clear).patch(STAGING + "/" + id + "/status").then().statusCode(200);
        assertEquals("from the smoke client", EmulatorControl.get("giftStagings", id).getString("data.giftStaging.rawPayload.note"));
        assertEquals(2L, EmulatorControl.callsByRoute().get("PATCH /rest/giftStagings/{id}"),
                "two good updates and nothing for the bad or empty ones");
        api().body(Map.of("processingStatus", "pending")).patch(STAGING + "/" + UUID.randomUUID() + "/status").then().statusCode(404);
    }

    @Test
    void rowsOfManyPagesAreAllReachable() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(stage(gift(contact("Donor" + i, "Page", null), false)));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            var request = api().queryParam("limit", "2").queryParam("sort", "createdAt:asc");
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get(STAGING).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("data.id"));
            cursor = page.getBoolean("meta.hasMore") ? page.getString("meta.nextCursor") : null;
        } while (cursor != null);
        assertEquals(ids, seen);
        api().queryParam("limit", "2").get(STAGING).then().body("data", hasSize(2));
    }
}
