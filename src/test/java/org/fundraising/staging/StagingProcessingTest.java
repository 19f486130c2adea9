package org.fundraising.staging;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.platform.Ids;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code POST /gift-staging/:id/process}: the outcome table of original-system §3.6, from the row's columns. */
@QuarkusTest
class StagingProcessingTest {

    private String ada;

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
        ada = person("Ada", "Lovelace", "ada@example.org", List.of());
    }

    private String stagedFor(String donorId) {
        return api().body(with(gift(null, false), "contactId", donorId)).post(STAGING).then().statusCode(201)
                .extract().path("data.giftStaging.id");
    }

    private static void status(String id, String processingStatus) {
        api().body(Map.of("processingStatus", processingStatus)).patch(STAGING + "/" + id + "/status").then().statusCode(200);
    }

    private static JsonPath process(String id) {
        return api().post(STAGING + "/" + id + "/process").then().statusCode(201).extract().jsonPath();
    }

    @Test
    void aReadyRowIsPostedFromItsColumnsInThreeCalls() {
        String id = stagedFor(ada);
        status(id, "ready_for_process");
        EmulatorControl.clearStats();
        JsonPath outcome = process(id);
        assertEquals("processed", outcome.getString("status"));
        assertEquals(id, outcome.getString("stagingId"));
        assertEquals(Ids.derived("gift:" + id), outcome.getString("giftId"), "the gift id is derived from the row id");
        assertEquals(Map.of("GET /rest/giftStagings/{id}", 1L, "POST /rest/gifts", 1L, "PATCH /rest/giftStagings/{id}", 1L),
                EmulatorControl.callsByRoute(), "no processing-lock PATCH: the derived id makes it redundant");
        JsonPath row = EmulatorControl.get("giftStagings", id);
        assertEquals("processed", row.getString("data.giftStaging.processingStatus"));
        assertEquals("passed", row.getString("data.giftStaging.validationStatus"));
        assertEquals("passed", row.getString("data.giftStaging.dedupeStatus"));
        assertEquals(outcome.getString("giftId"), row.getString("data.giftStaging.giftId"));
        JsonPath gift = EmulatorControl.get("gifts", outcome.getString("giftId"));
        assertEquals(ada, gift.getString("data.gift.donorId"));
        assertEquals("card", gift.getString("data.gift.paymentMethod"));
        assertEquals("2026-11-20", gift.getString("data.gift.giftDate"));
    }

    @Test
    void processingTwiceOrAfterALostAnswerNeverPostsASecondGift() {
        String id = stagedFor(ada);
        status(id, "ready_for_process");
        String giftId = process(id).getString("giftId");
        EmulatorControl.clearStats();
        JsonPath again = process(id);
        assertEquals("processed", again.getString("status"));
        assertEquals(giftId, again.getString("giftId"));
        assertEquals(Map.of("GET /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute(), "processed: no calls but the read");

        String second = stagedFor(ada);
        status(second, "ready_for_process");
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "store_then_timeout", "times", 1));
        assertEquals("processed", process(second).getString("status"));
        assertEquals(2, EmulatorControl.records("gifts"));
    }

    @Test
    void aFailedWritebackIsAnErrorAndProcessingAgainFinishesWithTheSameGift() {
        String id = stagedFor(ada);
        status(id, "ready_for_process");
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings/.*", "method", "PATCH", "mode", "error", "status", 400, "times", 1));
        JsonPath failed = process(id);
        assertEquals("error", failed.getString("status"));
        assertEquals("writeback_failed", failed.getString("error"));
        String giftId = failed.getString("giftId");
        JsonPath done = process(id);
        assertEquals("processed", done.getString("status"));
        assertEquals(giftId, done.getString("giftId"));
        assertEquals(1, EmulatorControl.records("gifts"));
    }

    @Test
    void theOutcomeTable() {
        String processing = stagedFor(ada);
        status(processing, "processing");
        assertEquals(Map.of("status", "deferred", "stagingId", processing, "reason", "locked"), process(processing).getMap(""));

        String pending = stagedFor(ada);
        assertEquals(Map.of("status", "deferred", "stagingId", pending, "reason", "not_ready"), process(pending).getMap(""));

        String processedWithoutGift = stagedFor(ada);
        status(processedWithoutGift, "processed");
        assertEquals("not_ready", process(processedWithoutGift).getString("reason"));

        String failed = stagedFor(ada);
        status(failed, "process_failed");
        assertEquals("processed", process(failed).getString("status"), "a failed row is retried");

        String ready = stagedFor(ada);
        api().body(Map.of("validationStatus", "pending", "dedupeStatus", "needs_review", "processingStatus", "ready_for_process"))
                .patch(STAGING + "/" + ready + "/status").then().statusCode(200);
        assertEquals("processed", process(ready).getString("status"), "ready overrides validation and dedupe");

        api().post(STAGING + "/" + UUID.randomUUID() + "/process").then().statusCode(404);
        api().post(STAGING + "/nope/process").then().statusCode(400);
        assertEquals(2, EmulatorControl.records("gifts"));
    }

    @Test
    void aRowWithoutDonorOrCompanyFailsAsPayloadInvalid() {
        String company = EmulatorControl.create("companies", Map.of("name", "Seeded Org"));
        String id = api().body(with(gift(null, false), "giftIntent", "grant", "companyId", company)).post(STAGING).then()
                .statusCode(201).extract().path("data.giftStaging.id");
        Map<String, Object> clear = new HashMap<>();
        clear.put("companyId", null);
        clear.put("processingStatus", "ready_for_process");
        api().body(clear).patch(STAGING + "/" + id).then().statusCode(200);
        JsonPath outcome = process(id);
        assertEquals("error", outcome.getString("status"));
        assertEquals("payload_invalid", outcome.getString("error"));
        JsonPath row = EmulatorControl.get("giftStagings", id);
        assertEquals("process_failed", row.getString("data.giftStaging.processingStatus"));
        assertEquals("Staging row missing required fields for gift creation: donorId or companyId",
                row.getString("data.giftStaging.errorDetail"));
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void aRowWithoutADonorGetsANewOneInTheSameWriteAsTheProcessedMark() {
        String id = api().body(with(gift(null, false), "donorFirstName", "Grace", "donorLastName", "Hopper",
                "donorEmail", "Grace@Example.org")).post(STAGING).then().statusCode(201).extract().path("data.giftStaging.id");
        status(id, "ready_for_process");
        EmulatorControl.clearStats();
        JsonPath outcome = process(id);
        assertEquals("processed", outcome.getString("status"));
        // The matcher looks first (nobody has the name or the email), then the new person is created.
        assertEquals(Map.of("GET /rest/giftStagings/{id}", 1L, "GET /rest/people", 1L, "POST /rest/people", 1L,
                "POST /rest/gifts", 1L, "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        String donor = EmulatorControl.get("giftStagings", id).getString("data.giftStaging.donorId");
        assertEquals(Ids.derived("person:" + id), donor);
        assertEquals(donor, EmulatorControl.get("gifts", outcome.getString("giftId")).getString("data.gift.donorId"));
    }

    @Test
    void aDonorWhoseEmailSomeoneElseHasGoesBackToReviewNamingThatPerson() {
        String id = api().body(with(gift(null, false), "donorFirstName", "Augusta", "donorLastName", "King",
                "donorEmail", "ada@example.org")).post(STAGING).then().statusCode(201).extract().path("data.giftStaging.id");
        api().get(STAGING + "/" + id).then().body("data.giftStaging.dedupeStatus", equalTo("needs_review"));
        status(id, "ready_for_process");
        int people = EmulatorControl.records("people");
        JsonPath outcome = process(id);
        assertEquals("deferred", outcome.getString("status"));
        assertEquals("donor_email_conflict", outcome.getString("reason"));
        api().get(STAGING + "/" + id).then().body("data.giftStaging.processingStatus", equalTo("pending"))
                .body("data.giftStaging.dedupeStatus", equalTo("needs_review"))
                .body("data.giftStaging.errorDetail", containsString("belongs to Ada Lovelace"))
                .body("data.giftStaging.processingDiagnostics.donorEmailConflict.personId", equalTo(ada))
                .body("data.giftStaging.processingDiagnostics.processingWarnings", org.hamcrest.Matchers.hasItem("donor_email_conflict"));
        assertEquals(0, EmulatorControl.records("gifts"));
        assertEquals(people, EmulatorControl.records("people"), "no person was created");
    }

    @Test
    void aRefusedCreateFailsTheRowAndATwentyOutageIsA502ThatLeavesItReady() {
        String id = stagedFor(ada);
        status(id, "ready_for_process");
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 400, "times", 1));
        JsonPath outcome = process(id);
        assertEquals("gift_api_failed", outcome.getString("error"));
        assertEquals("process_failed", EmulatorControl.get("giftStagings", id).getString("data.giftStaging.processingStatus"));
        assertEquals("processed", process(id).getString("status"), "process_failed rows can be processed again");

        String other = stagedFor(ada);
        status(other, "ready_for_process");
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 503));
        api().post(STAGING + "/" + other + "/process").then().statusCode(502);
        assertEquals("ready_for_process", EmulatorControl.get("giftStagings", other).getString("data.giftStaging.processingStatus"));
    }

    @Test
    void editsMadeByAReviewerOrInTwentyAreWhatIsPosted() {
        String id = stagedFor(ada);
        api().body(Map.of("amountMicros", 42_000_000, "notes", "corrected", "processingStatus", "ready_for_process"))
                .patch(STAGING + "/" + id).then().statusCode(200);
        // An edit made in Twenty's own screens touches only the column.
        api().body(Map.of("paymentMethod", "cheque")).patch(EmulatorControl.REST + "/giftStagings/" + id).then().statusCode(200);
        String giftId = process(id).getString("giftId");
        JsonPath gift = EmulatorControl.get("gifts", giftId);
        assertEquals(42_000_000, gift.getInt("data.gift.amount.amountMicros"));
        assertEquals("corrected", gift.getString("data.gift.notes"));
        assertEquals("cheque", gift.getString("data.gift.paymentMethod"));
    }

    @Test
    void aRecurringRowAdvancesItsAgreementWhenProcessed() {
        String agreement = EmulatorControl.create("recurringAgreements", Map.of("donorId", ada, "status", "active",
                "cadence", "quarterly", "amount", Map.of("amountMicros", 15_500_000, "currencyCode", "GBP")));
        String id = api().body(with(gift(null, false), "contactId", ada, "recurringAgreementId", agreement,
                "giftIntent", "recurring")).post(STAGING).then().statusCode(201).extract().path("data.giftStaging.id");
        status(id, "ready_for_process");
        process(id);
        JsonPath after = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals("2027-02-20", after.getString("data.recurringAgreement.nextExpectedAt"));
        assertEquals(1, after.getInt("data.recurringAgreement.paidInstallmentCount"));
        EmulatorControl.clearStats();
        process(id);
        assertEquals(0L, EmulatorControl.callsByRoute().getOrDefault("PATCH /rest/recurringAgreements/{id}", 0L));
        api().get(GIFTS).then().body("data.gifts.size()", equalTo(1));
    }

    @Test
    void concurrentProcessingOfOneRowPostsOneGift() {
        String id = api().body(with(gift(null, false), "contactId", ada, "processingStatus", "ready_for_process")).post(STAGING)
                .then().statusCode(201).extract().path("data.giftStaging.id");
        List<CompletableFuture<String>> runs = List.of(1, 2, 3, 4).stream().map(i -> CompletableFuture.supplyAsync(() ->
                api().post(STAGING + "/" + id + "/process").then().statusCode(201).extract().<String>path("giftId"))).toList();
        List<String> giftIds = runs.stream().map(CompletableFuture::join).distinct().toList();
        assertEquals(1, giftIds.size(), "every run answers the one gift");
        assertEquals(1, EmulatorControl.records("gifts"));
    }
}
