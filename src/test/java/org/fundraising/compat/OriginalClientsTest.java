package org.fundraising.compat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.fundraising.support.Gifts.with;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The requests the original service's screens and scripts send, with the answers they rely on. Each case failed
 * against this service before it was made to keep them working: the manual-entry screen's "create with new donor",
 * processing a row whose donor exists, the snapshot form's datetime-local, copy-address with null, Twenty's own
 * list parameters, the appeals list order, and the smaller ones.
 */
@QuarkusTest
class OriginalClientsTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    private static JsonPath postGift(Map<String, Object> body, int status) {
        return api().body(body).post(GIFTS).then().statusCode(status).extract().jsonPath();
    }

    private static JsonPath stagingRow(String id) {
        return api().get(STAGING + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    private static String onlyStagingRowId() {
        List<String> ids = api().get(STAGING).then().statusCode(200).extract().jsonPath().getList("data.id");
        assertEquals(1, ids.size(), "staging rows: " + ids);
        return ids.get(0);
    }

    private static Map<String, Long> calls(String... routeAndCount) {
        Map<String, Long> out = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < routeAndCount.length; i += 2) {
            out.put(routeAndCount[i], Long.parseLong(routeAndCount[i + 1]));
        }
        return out;
    }

    /** Each decision path of a gift that names its donor by {@code contact}: outcome, evidence, Twenty calls. */
    @Nested
    class DonorDecisions {

        @Test
        void manualEntryCreateWithNewDonorWithoutEmailPostsNowAndKeepsTheNamesake() {
            String namesake = person("Ada", "Lovelace", "ada@example.org", List.of());
            // The screen asked Twenty's duplicates first, the user picked "create new donor".
            api().body(Map.of("firstName", "Ada", "lastName", "Lovelace")).post("/api/fundraising/people/duplicates")
                    .then().statusCode(201);
            EmulatorControl.clearStats();
            JsonPath answer = postGift(gift(contact("Ada", "Lovelace", null), true), 200);
            String giftId = answer.getString("data.createGift.id");
            assertNotNull(giftId, "the screen needs data.createGift.id");
            String donorId = answer.getString("data.createGift.donorId");
            assertTrue(!namesake.equals(donorId), "the gift went to the namesake");
            assertEquals(calls("GET /rest/people", "1", "POST /rest/people", "1", "POST /rest/giftStagings", "1",
                    "POST /rest/gifts", "1", "PATCH /rest/giftStagings/{id}", "1"), EmulatorControl.callsByRoute());
            JsonPath row = stagingRow(onlyStagingRowId());
            assertEquals(List.of(namesake), row.getList("data.giftStaging.processingDiagnostics.possibleDuplicates"));
            assertTrue(row.getList("data.giftStaging.processingDiagnostics.processingWarnings").contains("possible_duplicate_donor"));
            assertEquals("created_donor", row.getString("data.giftStaging.processingDiagnostics.identityResolution.action"));
        }

        @Test
        void autoProcessWithSeveralNamesakesAndNoEmailCreatesAndKeepsThemAll() {
            String first = person("Ada", "Lovelace", "ada@example.org", List.of());
            String second = person("Ada", "Lovelace", "countess@example.org", List.of());
            EmulatorControl.clearStats();
            assertNotNull(postGift(gift(contact("Ada", "Lovelace", null), true), 200).getString("data.createGift.id"));
            assertEquals(5, EmulatorControl.stats().getInt("calls"));
            List<String> duplicates = stagingRow(onlyStagingRowId())
                    .getList("data.giftStaging.processingDiagnostics.possibleDuplicates");
            assertEquals(java.util.Set.of(first, second), java.util.Set.copyOf(duplicates));
        }

        @Test
        void autoProcessWithSeveralExactPeopleIsLeftForReviewNotGuessed() {
            person("Ada", "Lovelace", "ada@example.org", List.of());
            person("Ada", "Lovelace", "countess@example.org", List.of("ada@example.org"));
            EmulatorControl.clearStats();
            JsonPath staged = postGift(gift(contact("Ada", "Lovelace", "ada@example.org"), true), 200);
            assertEquals(true, staged.getBoolean("meta.stagedOnly"));
            assertEquals("several_exact_candidates", staged.getString("meta.processingDiagnostics.identityResolution.reason"));
            assertEquals(calls("GET /rest/people", "1", "POST /rest/giftStagings", "1"), EmulatorControl.callsByRoute());
        }

        @Test
        void autoProcessWithANewEmailAndANamesakeCreatesAndPostsNow() {
            String namesake = person("Ada", "Lovelace", "someone@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath answer = postGift(gift(contact("Ada", "Lovelace", "ada.new@example.org"), true), 200);
            assertNotNull(answer.getString("data.createGift.id"));
            assertEquals(5, EmulatorControl.stats().getInt("calls"));
            assertEquals(List.of(namesake), stagingRow(onlyStagingRowId())
                    .getList("data.giftStaging.processingDiagnostics.possibleDuplicates"));
        }

        @Test
        void autoProcessWithTheOneExactPersonLinksThem() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath answer = postGift(gift(contact("ada", "LOVELACE", "Ada@Example.org"), true), 200);
            assertEquals(ada, answer.getString("data.createGift.donorId"));
            assertEquals(calls("GET /rest/people", "1", "POST /rest/giftStagings", "1", "POST /rest/gifts", "1",
                    "PATCH /rest/giftStagings/{id}", "1"), EmulatorControl.callsByRoute());
            assertEquals("linked", stagingRow(onlyStagingRowId())
                    .getString("data.giftStaging.processingDiagnostics.identityResolution.action"));
        }

        @Test
        void autoProcessWithNoCandidateCreatesThePerson() {
            EmulatorControl.clearStats();
            JsonPath answer = postGift(gift(contact("Grace", "Hopper", "grace@example.org"), true), 200);
            assertNotNull(answer.getString("data.createGift.id"));
            assertEquals(calls("GET /rest/people", "1", "POST /rest/people", "1", "POST /rest/giftStagings", "1",
                    "POST /rest/gifts", "1", "PATCH /rest/giftStagings/{id}", "1"), EmulatorControl.callsByRoute());
        }

        @Test
        void autoProcessWithAnEmailOfSomeoneElseIs409NamingThemAndWritesNothing() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath conflict = postGift(gift(contact("Augusta", "King", "ada@example.org"), true), 409);
            assertEquals("donor_email_conflict", conflict.getString("details[0].code"));
            assertEquals(ada, conflict.getString("details[0].personId"));
            assertEquals("Ada Lovelace", conflict.getString("details[0].personName"));
            assertTrue(conflict.getString("message").contains("Ada Lovelace"), conflict.getString("message"));
            assertEquals(calls("GET /rest/people", "1"), EmulatorControl.callsByRoute(), "only the lookup");
            assertEquals(1, EmulatorControl.records("people"));
            assertEquals(0, EmulatorControl.records("giftStagings") + EmulatorControl.records("gifts"));
        }

        @Test
        void donorDecisionCreateMakesANewPersonEvenBesideTheExactOne() {
            String namesake = person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath answer = postGift(with(gift(contact("Ada", "Lovelace", null), false), "donorDecision", "create",
                    "autoProcess", true), 200);
            assertTrue(!namesake.equals(answer.getString("data.createGift.donorId")));
            assertEquals(5, EmulatorControl.stats().getInt("calls"));
            assertEquals(List.of(namesake), stagingRow(onlyStagingRowId())
                    .getList("data.giftStaging.processingDiagnostics.possibleDuplicates"));
            // A new person cannot take an email someone has: the same decision with that email is a conflict.
            assertEquals("donor_email_conflict", postGift(with(gift(contact("Ada", "Lovelace", "ada@example.org"), true),
                    "donorDecision", "create"), 409).getString("details[0].code"));
        }

        @Test
        void donorDecisionReviewAlwaysStagesEvenForTheExactPerson() {
            person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath staged = postGift(with(gift(contact("Ada", "Lovelace", "ada@example.org"), true), "donorDecision", "review"), 200);
            assertEquals(true, staged.getBoolean("meta.stagedOnly"));
            assertEquals("needs_review", staged.getString("data.giftStaging.dedupeStatus"));
            assertEquals("donor_needs_review", staged.getString("meta.processingDiagnostics.autoProcess.reason"));
            assertEquals(calls("GET /rest/people", "1", "POST /rest/giftStagings", "1"), EmulatorControl.callsByRoute());
            api().body(with(gift(contact("Ada", "Lovelace", null), true), "donorDecision", "maybe")).post(GIFTS).then()
                    .statusCode(400).body("details[0].field", equalTo("donorDecision"));
        }

        @Test
        void aPersonChosenByIdIsLinkedWithoutALookup() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            Map<String, Object> body = gift(null, true);
            body.put("contactId", ada);
            JsonPath answer = postGift(body, 200);
            assertEquals(ada, answer.getString("data.createGift.donorId"));
            // No lookup of candidates: the chosen person is read by id only to name the gift after them (issue 28).
            assertEquals(calls("GET /rest/people/{id}", "1", "POST /rest/giftStagings", "1", "POST /rest/gifts", "1",
                    "PATCH /rest/giftStagings/{id}", "1"), EmulatorControl.callsByRoute());
            assertTrue(answer.getString("data.createGift.name").startsWith("Ada Lovelace · "), answer.prettify());
        }

        @Test
        void whenNobodyLookedAnEmailOfSomeoneElseIsStagedWithTheConflictNamed() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath staged = postGift(gift(contact("Augusta", "King", "ada@example.org"), false), 200);
            assertEquals(true, staged.getBoolean("meta.stagedOnly"));
            assertTrue(staged.getList("meta.processingDiagnostics.processingWarnings").contains("donor_email_conflict"));
            assertEquals(ada, staged.getString("meta.processingDiagnostics.donorEmailConflict.personId"));
            assertEquals(calls("GET /rest/people", "1", "POST /rest/giftStagings", "1"), EmulatorControl.callsByRoute());
            assertEquals(1, EmulatorControl.records("people"));
        }

        @Test
        void whenNobodyLookedASameNamePersonWithoutEmailIsLeftForReview() {
            person("Ada", "Lovelace", "ada@example.org", List.of());
            JsonPath staged = postGift(gift(contact("Ada", "Lovelace", null), false), 200);
            assertEquals("needs_review", staged.getString("data.giftStaging.dedupeStatus"));
            assertEquals(1, EmulatorControl.records("people"));
        }
    }

    @Nested
    class ProcessingRematches {

        private String stagedReady(String first, String last, String email) {
            String id = api().body(with(gift(null, false), "donorFirstName", first, "donorLastName", last, "donorEmail", email))
                    .post(STAGING).then().statusCode(201).extract().path("data.giftStaging.id");
            // The original screen's "mark ready": status plus validation passed.
            api().body(Map.of("processingStatus", "ready_for_process", "validationStatus", "passed"))
                    .patch(STAGING + "/" + id + "/status").then().statusCode(200);
            return id;
        }

        @Test
        void aRowWhoseDonorExistsIsLinkedNotFailed() {
            String id = stagedReady("Grace", "Hopper", "grace@example.org");
            // The donor appears in Twenty after the row was staged (entered by a colleague in Twenty's own screens).
            String grace = person("Grace", "Hopper", "grace@example.org", List.of());
            EmulatorControl.clearStats();
            JsonPath outcome = api().post(STAGING + "/" + id + "/process").then().statusCode(201).extract().jsonPath();
            assertEquals("processed", outcome.getString("status"));
            assertEquals(calls("GET /rest/giftStagings/{id}", "1", "GET /rest/people", "1", "POST /rest/gifts", "1",
                    "PATCH /rest/giftStagings/{id}", "1"), EmulatorControl.callsByRoute());
            assertEquals(grace, EmulatorControl.get("gifts", outcome.getString("giftId")).getString("data.gift.donorId"));
            assertEquals(1, EmulatorControl.records("people"));
        }

        @Test
        void aRowWhoseEmailAnotherPersonHasStaysForReviewNamingThem() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            String id = stagedReady("Augusta", "King", "ada@example.org");
            JsonPath outcome = api().post(STAGING + "/" + id + "/process").then().statusCode(201).extract().jsonPath();
            assertEquals("deferred", outcome.getString("status"));
            assertEquals("donor_email_conflict", outcome.getString("reason"));
            JsonPath row = stagingRow(id);
            assertEquals(ada, row.getString("data.giftStaging.processingDiagnostics.donorEmailConflict.personId"));
            assertEquals("needs_review", row.getString("data.giftStaging.dedupeStatus"));
            assertEquals(0, EmulatorControl.records("gifts"));
        }

        @Test
        void aRowWithSeveralPossibleDonorsStaysForReview() {
            person("Ada", "Lovelace", "ada@example.org", List.of());
            person("Ada", "Lovelace", "countess@example.org", List.of("ada@example.org"));
            String id = stagedReady("Ada", "Lovelace", "ada@example.org");
            JsonPath outcome = api().post(STAGING + "/" + id + "/process").then().statusCode(201).extract().jsonPath();
            assertEquals("deferred", outcome.getString("status"));
            assertEquals("donor_needs_review", outcome.getString("reason"));
            assertEquals(2, EmulatorControl.records("people"));
        }
    }

    @Test
    void theSnapshotFormsDatetimeLocalIsReadInTheCharitysZone() {
        String appeal = api().body(Map.of("name", "Summer")).post("/api/fundraising/appeals").then().statusCode(200)
                .extract().path("data.createAppeal.id");
        // What an HTML datetime-local input sends: no seconds, no offset. London is on BST in July.
        String id = api().body(Map.of("countSolicited", 120, "capturedAt", "2026-07-15T10:30"))
                .post("/api/fundraising/appeals/" + appeal + "/solicitation-snapshots").then().statusCode(200)
                .extract().path("data.createSolicitationSnapshot.id");
        assertEquals(java.time.Instant.parse("2026-07-15T09:30:00Z"), java.time.Instant.parse(EmulatorControl
                .get("solicitationSnapshots", id).getString("data.solicitationSnapshot.capturedAt")));
        api().body(Map.of("countSolicited", 5, "capturedAt", "2026-03-15T10:30:00+01:00"))
                .post("/api/fundraising/appeals/" + appeal + "/solicitation-snapshots").then().statusCode(200);
        api().body(Map.of("countSolicited", 5, "capturedAt", "next tuesday"))
                .post("/api/fundraising/appeals/" + appeal + "/solicitation-snapshots").then().statusCode(400)
                .body("details[0].field", equalTo("capturedAt"));
    }

    @Test
    void copyAddressWithNullClearsTheAddressAnObjectWritesItAbsentCopiesTheHouseholds() {
        String household = api().body(Map.of("name", "Lovelace household", "mailingAddress", Map.of("line1", "12 St James's Square",
                "city", "London"))).post("/api/fundraising/households").then().statusCode(200).extract().path("id");
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        String route = "/api/fundraising/households/" + household + "/copy-address";
        api().body(Map.of("contactId", ada, "mailingAddress", Map.of("line1", "1 New Road", "city", "Bath"))).post(route)
                .then().statusCode(200).body("mailingAddress.city", equalTo("Bath"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("contactId", ada);
        clear.put("mailingAddress", null);
        api().body(clear).post(route).then().statusCode(200).body("mailingAddress", nullValue())
                .body("householdId", equalTo(household));
        assertEquals("", EmulatorControl.get("people", ada).getString("data.person.mailingAddress.addressCity"));
        api().body(Map.of("contactId", ada)).post(route).then().statusCode(200).body("mailingAddress.city", equalTo("London"));
    }

    @Nested
    class TwentysOwnListParameters {

        @Test
        void aRecurringAgreementsListWithAFilterIsFilteredAndCombinedWithOurs() {
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            for (String status : List.of("active", "paused", "paused")) {
                api().body(Map.of("contactId", ada, "status", status, "cadence", "monthly", "amount",
                        Map.of("amountMicros", 5_000_000, "currencyCode", "GBP"), "startDate", "2026-01-01"))
                        .post("/api/fundraising/recurring-agreements").then().statusCode(200);
            }
            api().queryParam("filter", "status[eq]:paused").get("/api/fundraising/recurring-agreements").then()
                    .statusCode(200).body("data.recurringAgreements.status", equalTo(List.of("paused", "paused")));
            api().queryParam("filter", "status[eq]:paused").queryParam("provider", "stripe")
                    .get("/api/fundraising/recurring-agreements").then().statusCode(200);
            assertEquals("and(provider[in]:[\"stripe\"],status[eq]:paused)",
                    EmulatorControl.lastQuery("GET", "/rest/recurringAgreements").get("filter"));
            api().queryParam("order_by", "createdAt[AscNullsFirst]").queryParam("depth", "1")
                    .get("/api/fundraising/recurring-agreements").then().statusCode(200);
            Map<String, String> forwarded = EmulatorControl.lastQuery("GET", "/rest/recurringAgreements");
            assertEquals("createdAt[AscNullsFirst]", forwarded.get("order_by"));
            assertEquals("1", forwarded.get("depth"));
        }

        @Test
        void malformedParametersAre400sNamingThemAndReachNothing() {
            EmulatorControl.clearStats();
            for (Map.Entry<String, String> bad : Map.of("filter", "status[eq:paused", "order_by", "createdAt[Sideways]",
                    "depth", "7", "starting_after", "not a cursor!").entrySet()) {
                api().queryParam(bad.getKey(), bad.getValue()).get("/api/fundraising/appeals").then().statusCode(400)
                        .body("details[0].field", equalTo(bad.getKey()));
            }
            api().queryParam("filter", "status[approx]:x").get("/api/fundraising/gift-payouts").then().statusCode(400)
                    .body("message", containsString("approx"));
            assertEquals(Map.of(), EmulatorControl.callsByRoute());
        }

        @Test
        void aCallersFilterNeverWidensWhatTheRouteScopes() {
            String household = api().body(Map.of("name", "Lovelace household")).post("/api/fundraising/households")
                    .then().statusCode(200).extract().path("id");
            String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
            person("Charles", "Babbage", "charles@example.org", List.of());
            api().body(Map.of("contactId", ada)).post("/api/fundraising/households/" + household + "/members").then().statusCode(200);
            api().queryParam("filter", "or(householdId[is]:NULL,householdId[is]:NOT_NULL)")
                    .get("/api/fundraising/households/" + household + "/members").then().statusCode(200)
                    .body("members.id", equalTo(List.of(ada)));

            String winter = api().body(Map.of("name", "Winter")).post("/api/fundraising/appeals").then().extract().path("data.createAppeal.id");
            String spring = api().body(Map.of("name", "Spring")).post("/api/fundraising/appeals").then().extract().path("data.createAppeal.id");
            api().body(Map.of("countSolicited", 10)).post("/api/fundraising/appeals/" + spring + "/solicitation-snapshots").then().statusCode(200);
            api().queryParam("filter", "appealId[eq]:" + spring).get("/api/fundraising/appeals/" + winter + "/solicitation-snapshots")
                    .then().statusCode(200).body("data.solicitationSnapshots", org.hamcrest.Matchers.hasSize(0));
        }

        @Test
        void everyListRouteTakesThem() {
            for (String route : List.of("/api/fundraising/gifts", "/api/fundraising/gift-staging", "/api/fundraising/appeals",
                    "/api/fundraising/households", "/api/fundraising/companies/search", "/api/fundraising/opportunities/search",
                    "/api/fundraising/gift-payouts", "/api/fundraising/recurring-agreements")) {
                api().queryParam("filter", "createdAt[gte]:\"2000-01-01\"").queryParam("order_by", "createdAt[DescNullsLast]")
                        .get(route).then().statusCode(200);
                Map<String, String> sent = lastListQuery();
                assertTrue(sent.get("filter").contains("createdAt[gte]:\"2000-01-01\""), route + " sent " + sent);
                assertEquals("createdAt[DescNullsLast]", sent.get("order_by"), route);
            }
        }

        @SuppressWarnings("unchecked")
        private Map<String, String> lastListQuery() {
            List<Map<String, Object>> requests = EmulatorControl.control().get("/twenty-emulator/_requests").then()
                    .statusCode(200).extract().jsonPath().getList("");
            return (Map<String, String>) requests.get(requests.size() - 1).get("query");
        }
    }

    @Test
    void aJustCreatedAppealIsOnTheFirstPageOfTwenty() {
        for (int i = 0; i < 25; i++) {
            api().body(Map.of("name", "Older appeal " + i)).post("/api/fundraising/appeals").then().statusCode(200);
        }
        String fresh = api().body(Map.of("name", "Smoke appeal " + UUID.randomUUID(), "appealType", "email"))
                .post("/api/fundraising/appeals").then().statusCode(200).extract().path("data.createAppeal.id");
        api().queryParam("limit", 20).get("/api/fundraising/appeals").then().statusCode(200)
                .body("data.appeals.id", hasItem(fresh));
    }

    @Test
    void theGiftKeepsExpectedAtAndReceiptFieldsAreTrimmed() {
        Map<String, Object> body = with(gift(contact("Grace", "Hopper", "grace@example.org"), true), "expectedAt", "2026-12-24");
        String giftId = postGift(body, 200).getString("data.createGift.id");
        assertEquals("2026-12-24", EmulatorControl.get("gifts", giftId).getString("data.gift.expectedAt"));

        // A row written elsewhere (Twenty's own screens, an import) whose audit copy has untidy receipt fields.
        String trimmed = EmulatorControl.create("giftStagings", Map.of("processingStatus", "pending",
                "rawPayload", Map.of("receiptStatus", "  failed ", "receiptChannel", " email "),
                "amount", Map.of("amountMicros", 1_000_000, "currencyCode", "GBP")));
        JsonPath row = stagingRow(trimmed);
        assertEquals("failed", row.getString("data.giftStaging.receiptStatus"));
        assertTrue(row.getList("data.giftStaging.receiptWarnings").contains("Receipt failed"));
        String bare = EmulatorControl.create("giftStagings", Map.of("processingStatus", "pending",
                "amount", Map.of("amountMicros", 1_000_000, "currencyCode", "GBP")));
        assertEquals(List.of(), stagingRow(bare).getList("data.giftStaging.receiptWarnings"), "no receipt, no receipt warnings");
        assertNull(stagingRow(bare).getString("data.giftStaging.receiptStatus"));
    }

    @Test
    void theServerAnswersOnIpv6LoopbackAsTheOriginalsDualStackBindDid() throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://[::1]:" + RestAssured.port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
    }
}
