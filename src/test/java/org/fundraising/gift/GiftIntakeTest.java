package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /gifts (original-system §3.5 with spec §2.3, §2.7, §2.13): the flows and the Twenty calls each costs. */
@QuarkusTest
class GiftIntakeTest {

    /** The store outlives a test run, so every run uses keys of its own. */
    private static final String KEY_1 = "key-" + java.util.UUID.randomUUID();
    private static final String RETRY_1 = "retry-" + java.util.UUID.randomUUID();
    private static final String S_1 = "s-" + java.util.UUID.randomUUID();

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    private static JsonPath post(Map<String, Object> body) {
        return api().body(body).post(GIFTS).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void aManualGiftFromANewDonorCostsFiveCalls() {
        JsonPath answer = post(gift(contact("Ada", "Lovelace", "Ada@Example.org"), true));
        String giftId = answer.getString("data.createGift.id");
        String donorId = answer.getString("data.createGift.donorId");
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/people", 1L, "POST /rest/giftStagings", 1L,
                "POST /rest/gifts", 1L, "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        JsonPath person = EmulatorControl.get("people", donorId);
        assertEquals("ada@example.org", person.getString("data.person.emails.primaryEmail"));
        assertEquals(15_500_000L, answer.getLong("data.createGift.amount.amountMicros"));
        assertEquals("GBP", answer.getString("data.createGift.amount.currencyCode"));
        assertEquals("pending", answer.getString("data.createGift.receiptStatus"));
        assertEquals("per_gift", answer.getString("data.createGift.receiptPolicyApplied"));

        JsonPath row = api().get(STAGING).then().statusCode(200).extract().jsonPath();
        assertEquals(1, row.getList("data").size());
        assertEquals("processed", row.getString("data[0].processingStatus"));
        assertEquals(giftId, api().get(STAGING + "/" + row.getString("data[0].id")).then().extract().path("data.giftStaging.giftId"));
        assertEquals("created_donor", row.getString("data[0].processingDiagnostics.identityResolution.action"));
    }

    @Test
    void aManualGiftFromAMatchedDonorCostsFourCalls() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        EmulatorControl.clearStats();
        JsonPath answer = post(gift(contact("ada", "LOVELACE", " ADA@example.org "), true));
        assertEquals(ada, answer.getString("data.createGift.donorId"));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/giftStagings", 1L, "POST /rest/gifts", 1L,
                "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        JsonPath row = api().get(STAGING).then().extract().jsonPath();
        assertEquals("strong", row.getString("data[0].processingDiagnostics.identityConfidence"));
        assertEquals("auto_linked", row.getString("data[0].processingDiagnostics.identityResolution.status"));
        assertEquals(List.of("firstName", "lastName", "email"),
                row.getList("data[0].processingDiagnostics.identityResolution.candidates[0].matchedFields"));
    }

    @Test
    void aStagedGiftCostsTwoCallsForAMatchedDonorAndThreeForANewOne() {
        person("Ada", "Lovelace", "ada@example.org", List.of());
        EmulatorControl.clearStats();
        JsonPath staged = post(gift(contact("Ada", "Lovelace", "ada@example.org"), false));
        assertEquals(true, staged.getBoolean("meta.stagedOnly"));
        assertEquals("pending", staged.getString("data.giftStaging.processingStatus"));
        assertEquals(false, staged.getBoolean("data.giftStaging.autoProcess"));
        assertEquals("not_requested", staged.getString("meta.processingDiagnostics.autoProcess.reason"));
        assertEquals(true, staged.getBoolean("meta.rawPayloadAvailable"));
        assertEquals(true, staged.getString("meta.rawPayload").contains("\"donorEmail\":\"ada@example.org\""));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/giftStagings", 1L), EmulatorControl.callsByRoute());

        EmulatorControl.clearStats();
        post(gift(contact("Grace", "Hopper", "grace@example.org"), false));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/people", 1L, "POST /rest/giftStagings", 1L),
                EmulatorControl.callsByRoute());
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void aGiftForAKnownContactIdIsNamedAfterItsDonor() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        EmulatorControl.clearStats();
        Map<String, Object> body = gift(null, true);
        body.put("contactId", ada);
        JsonPath posted = post(body);
        assertEquals(ada, posted.getString("data.createGift.donorId"));
        assertTrue(posted.getString("data.createGift.name").startsWith("Ada Lovelace · "), posted.prettify());
        assertEquals(Map.of("GET /rest/people/{id}", 1L, "POST /rest/giftStagings", 1L, "POST /rest/gifts", 1L,
                "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute(), "the person read once, to name the gift");

        // Sent with the donor's name (as the entry screen does), the gift is named without that read.
        EmulatorControl.clearStats();
        Map<String, Object> named = gift(contact("Ada", "Lovelace", null), true);
        named.put("contactId", ada);
        assertTrue(post(named).getString("data.createGift.name").startsWith("Ada Lovelace · "));
        assertEquals(Map.of("POST /rest/giftStagings", 1L, "POST /rest/gifts", 1L, "PATCH /rest/giftStagings/{id}", 1L),
                EmulatorControl.callsByRoute());

        // An id that names nobody is refused before anything is written.
        EmulatorControl.clearStats();
        Map<String, Object> nobody = gift(null, true);
        nobody.put("contactId", java.util.UUID.randomUUID().toString());
        api().body(nobody).post(GIFTS).then().statusCode(400).body("details[0].field", equalTo("contactId"));
        assertEquals(Map.of("GET /rest/people/{id}", 1L), EmulatorControl.callsByRoute());
    }

    @Test
    void severalExactPeopleStageTheGiftForReviewEvenWhenAutoProcessIsAsked() {
        person("Ada", "Lovelace", "ada@example.org", List.of());
        person("Ada", "Lovelace", "countess@example.org", List.of("ada@example.org"));
        JsonPath staged = post(gift(contact("Ada", "Lovelace", "ada@example.org"), true));
        assertEquals(true, staged.getBoolean("meta.stagedOnly"));
        assertEquals("needs_review", staged.getString("data.giftStaging.dedupeStatus"));
        assertEquals("donor_needs_review", staged.getString("meta.processingDiagnostics.autoProcess.reason"));
        assertEquals("several_exact_candidates", staged.getString("meta.processingDiagnostics.identityResolution.reason"));
        assertEquals(2, staged.getList("meta.processingDiagnostics.identityResolution.candidateDonorIds").size());
        assertEquals(2, EmulatorControl.records("people"), "no person is created");
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void aNewEmailCreatesTheDonorAndRecordsSameNamePeopleAsPossibleDuplicates() {
        String namesake = person("Ada", "Lovelace", "someone.else@example.org", List.of());
        JsonPath answer = post(gift(contact("Ada", "Lovelace", "ada@example.org"), true));
        String donorId = answer.getString("data.createGift.donorId");
        assertEquals(2, EmulatorControl.records("people"));
        JsonPath row = api().get(STAGING).then().extract().jsonPath();
        assertEquals(List.of(namesake), row.getList("data[0].processingDiagnostics.possibleDuplicates"));
        assertEquals(true, row.getList("data[0].processingDiagnostics.processingWarnings").contains("possible_duplicate_donor"));
        assertEquals(donorId, row.getString("data[0].donorId"));
    }

    @Test
    void withoutAnEmailASameNamePersonSendsTheGiftToReviewWhenNobodyLookedAndNoCandidateCreatesOne() {
        person("Ada", "Lovelace", "ada@example.org", List.of());
        // autoProcess: true would mean the caller looked at the duplicates already (see compat.OriginalClientsTest).
        JsonPath staged = post(gift(contact("Ada", "Lovelace", null), false));
        assertEquals(true, staged.getBoolean("meta.stagedOnly"));
        assertEquals("needs_review", staged.getString("data.giftStaging.dedupeStatus"));
        assertEquals("name_only", staged.getString("meta.processingDiagnostics.identityResolution.reason"));

        EmulatorControl.clearStats();
        JsonPath posted = post(gift(contact("Grace", "Hopper", null), true));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/people", 1L, "POST /rest/giftStagings", 1L,
                "POST /rest/gifts", 1L, "PATCH /rest/giftStagings/{id}", 1L), EmulatorControl.callsByRoute());
        assertEquals("Hopper", EmulatorControl.get("people", posted.getString("data.createGift.donorId"))
                .getString("data.person.name.lastName"));
    }

    @Test
    void aMissingGiftDateIsTodayInTheCharitysZoneWithAWarningAndStaysEligible() {
        Map<String, Object> body = gift(contact("Ada", "Lovelace", null), false);
        body.remove("giftDate");
        body.put("intakeSource", "csv_import");
        JsonPath staged = post(body);
        assertEquals("eligible", staged.getString("meta.processingDiagnostics.processingEligibility"));
        assertEquals(true, staged.getList("meta.processingDiagnostics.processingWarnings").contains("gift_date_defaulted"));
        assertEquals("explicit", staged.getString("meta.processingDiagnostics.identityConfidence"));
        String id = staged.getString("data.giftStaging.id");
        assertEquals(LocalDate.now(ZoneId.of("Europe/London")).toString(),
                api().get(STAGING + "/" + id).then().extract().path("data.giftStaging.giftDate"));
    }

    @Test
    void theSmokeClientsStagedGiftCarriesTheDiagnosticsItReads() {
        Map<String, Object> body = gift(contact("Smoke", "Tester", "smoke@example.org"), false);
        body.remove("paymentMethod");
        String id = post(body).getString("data.giftStaging.id");
        api().get(STAGING + "/" + id).then().statusCode(200)
                .body("data.giftStaging.processingDiagnostics.processingEligibility", equalTo("eligible"))
                .body("data.giftStaging.processingDiagnostics.identityConfidence", notNullValue())
                .body("data.giftStaging.processingDiagnostics.processingWarnings", hasItem("payment_method_missing"));
        api().body(Map.of("processingStatus", "ready_for_process", "validationStatus", "passed", "dedupeStatus", "passed"))
                .patch(STAGING + "/" + id + "/status").then().statusCode(200).body("ok", equalTo(true));
        String giftId = api().post(STAGING + "/" + id + "/process").then().statusCode(201)
                .body("status", equalTo("processed")).extract().path("giftId");
        api().get(GIFTS + "/" + giftId).then().statusCode(200).body("data.gift.id", equalTo(giftId));
        api().delete(GIFTS + "/" + giftId).then().statusCode(200).body("data.deleteGift.id", equalTo(giftId));
        api().get(GIFTS + "/" + giftId).then().statusCode(404);
    }

    @Test
    void anAutoProcessedGiftWhoseCreateTwentyRefusesEndsProcessFailedNotStuck() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 400));
        api().body(gift(contact("Ada", "Lovelace", null), true)).post(GIFTS).then().statusCode(400)
                .body("message", org.hamcrest.Matchers.containsString("staged"));
        JsonPath row = api().get(STAGING).then().extract().jsonPath();
        assertEquals("process_failed", row.getString("data[0].processingStatus"));
        assertEquals(true, row.getString("data[0].errorDetail").startsWith("Gift create failed: "));
    }

    @Test
    void anAutoProcessedGiftWhenTwentyStaysDownEndsProcessFailedAnd503() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 503));
        api().body(gift(contact("Ada", "Lovelace", null), true)).post(GIFTS).then().statusCode(502);
        JsonPath row = api().get(STAGING).then().extract().jsonPath();
        assertEquals("process_failed", row.getString("data[0].processingStatus"));
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void whenTheStagingRowCannotBeWrittenTheGiftIsNotPostedAndTheAnswerIs503() {
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings", "method", "POST", "mode", "reset"));
        api().body(gift(contact("Ada", "Lovelace", null), false)).post(GIFTS).then().statusCode(503)
                .header("Retry-After", notNullValue());
        api().body(gift(contact("Grace", "Hopper", null), true)).post(GIFTS).then().statusCode(503);
        assertEquals(0, EmulatorControl.records("gifts"));
        assertEquals(0, EmulatorControl.records("giftStagings"));
    }

    @Test
    void aCreateThatTimesOutAfterTwentyStoredItPostsOneGift() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "store_then_timeout", "times", 1));
        JsonPath answer = post(gift(contact("Ada", "Lovelace", null), true));
        assertEquals(1, EmulatorControl.records("gifts"));
        assertEquals(answer.getString("data.createGift.id"), api().get(STAGING).then().extract().path("data[0].giftId"));
    }

    @Test
    void idempotencyKeysReplayTheFirstAnswerAndRefuseAnotherBody() {
        Map<String, Object> body = gift(contact("Ada", "Lovelace", "ada@example.org"), true);
        String first = api().header("Idempotency-Key", KEY_1).body(body).post(GIFTS).then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).extract().asString();
        long calls = EmulatorControl.stats().getLong("calls");
        String second = api().header("Idempotency-Key", KEY_1).body(body).post(GIFTS).then().statusCode(200)
                .header("Idempotent-Replayed", equalTo("true")).extract().asString();
        assertEquals(first, second);
        assertEquals(calls, EmulatorControl.stats().getLong("calls"), "a replay costs no Twenty call");
        api().header("Idempotency-Key", KEY_1).body(with(body, "notes", "changed")).post(GIFTS).then().statusCode(422)
                .body("details[0].field", equalTo("Idempotency-Key"));
        api().header("Idempotency-Key", "has space").body(body).post(GIFTS).then().statusCode(400);
        assertEquals(1, EmulatorControl.records("gifts"));
        assertEquals(1, EmulatorControl.records("people"));
    }

    @Test
    void aRetryAfterAFailureWithTheSameKeyFinishesWithoutASecondRecord() {
        Map<String, Object> body = gift(contact("Ada", "Lovelace", null), true);
        // First attempt: person and staging row written, then the gift create fails for good.
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "error", "status", 503));
        api().header("Idempotency-Key", RETRY_1).body(body).post(GIFTS).then().statusCode(502);
        EmulatorControl.clearFaults();
        JsonPath answer = api().header("Idempotency-Key", RETRY_1).body(body).post(GIFTS).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(1, EmulatorControl.records("people"), "the person of the first attempt is linked, not a rival");
        assertEquals(1, EmulatorControl.records("giftStagings"));
        assertEquals(1, EmulatorControl.records("gifts"));
        assertEquals("processed", api().get(STAGING).then().extract().path("data[0].processingStatus"));
        assertEquals(answer.getString("data.createGift.donorId"), api().get(STAGING).then().extract().path("data[0].donorId"));
    }

    @Test
    void stagingIdempotencyKeysAreHonouredToo() {
        Map<String, Object> body = gift(contact("Ada", "Lovelace", null), false);
        String id = api().header("Idempotency-Key", S_1).body(body).post(STAGING).then().statusCode(201)
                .extract().path("data.giftStaging.id");
        api().header("Idempotency-Key", S_1).body(body).post(STAGING).then().statusCode(201)
                .header("Idempotent-Replayed", equalTo("true")).body("data.giftStaging.id", equalTo(id));
        assertEquals(1, EmulatorControl.records("giftStagings"));
    }

    @Test
    void aRecurringGiftAdvancesItsAgreement() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        String agreement = EmulatorControl.create("recurringAgreements", Map.of("donorId", ada, "status", "delinquent",
                "cadence", "monthly", "intervalCount", 1, "amount", Map.of("amountMicros", 15_500_000, "currencyCode", "GBP")));
        Map<String, Object> body = gift(null, true);
        body.put("contactId", ada);
        body.put("recurringAgreementId", agreement);
        body.put("giftIntent", "recurring");
        post(body);
        JsonPath after = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals("active", after.getString("data.recurringAgreement.status"));
        assertEquals("2026-12-20", after.getString("data.recurringAgreement.nextExpectedAt"));
        assertEquals("2026-11-20", after.getString("data.recurringAgreement.lastPaidAt"));
        assertEquals(1, after.getInt("data.recurringAgreement.paidInstallmentCount"));
        assertEquals(15_500_000L, after.getLong("data.recurringAgreement.totalReceivedAmount.amountMicros"));
        assertEquals("first_installment_only", EmulatorControl.get("gifts",
                api().get(GIFTS).then().extract().path("data.gifts[0].id")).getString("data.gift.receiptPolicyApplied"));
    }

    @Test
    void anOrganisationsGiftNeedsItsCompanyAndCreditsNoPerson() {
        api().body(with(gift(contact("Ada", "Lovelace", null), true), "giftIntent", "grant")).post(GIFTS).then().statusCode(400)
                .body("details[0].field", equalTo("companyId"));
        String company = EmulatorControl.create("companies", Map.of("name", "Seeded Org"));
        EmulatorControl.clearStats();
        JsonPath answer = post(with(gift(contact("Ada", "Lovelace", null), true), "giftIntent", "grant", "companyId", company));
        assertEquals(company, answer.getString("data.createGift.companyId"));
        assertEquals(null, answer.getString("data.createGift.donorId"));
        assertEquals(0L, EmulatorControl.callsByRoute().getOrDefault("GET /rest/people", 0L));
        assertEquals(0, EmulatorControl.records("people"));
    }

    @Test
    void unknownFieldsAreLeftOutAndSaidInTheDiagnostics() {
        JsonPath staged = post(with(gift(contact("Ada", "Lovelace", null), false), "favouriteColour", "green"));
        assertEquals(List.of("favouriteColour"), staged.getList("meta.processingDiagnostics.ignoredFields"));
        assertEquals(true, staged.getList("meta.processingDiagnostics.processingWarnings").contains("unknown_fields_ignored"));
        api().get(STAGING + "/" + staged.getString("data.giftStaging.id")).then()
                .body("data.giftStaging.rawPayload", not(org.hamcrest.Matchers.containsString("favouriteColour")));
    }

    @Test
    void twoGiftsFromOneNewDonorAtOnceMakeOnePerson() throws Exception {
        Map<String, Object> body = gift(contact("Ada", "Lovelace", "ada@example.org"), true);
        // Slow person creates, so that all three look the donor up before any of them has created it.
        EmulatorControl.fault(Map.of("path", "/rest/people", "method", "POST", "mode", "delay", "delayMs", 400));
        List<java.util.concurrent.CompletableFuture<String>> runs = List.of(1, 2, 3).stream()
                .map(i -> java.util.concurrent.CompletableFuture.supplyAsync(() -> api().body(body).post(GIFTS).then()
                        .statusCode(200).extract().<String>path("data.createGift.donorId"))).toList();
        List<String> donors = runs.stream().map(java.util.concurrent.CompletableFuture::join).distinct().toList();
        assertEquals(1, donors.size(), "every gift is credited to the one person");
        assertEquals(1, EmulatorControl.records("people"));
        assertEquals(3, EmulatorControl.records("gifts"));
        assertEquals(3L, EmulatorControl.callsByRoute().get("POST /rest/people"), "all three tried to create the donor");
        assertEquals(5L, EmulatorControl.callsByRoute().get("GET /rest/people"), "the two that lost matched again");
    }
}
