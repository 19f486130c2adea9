package org.fundraising.batch;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.fundraising.support.BatchRunsApi;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a gift processor expects of a batch beyond posting it: anonymous gifts, possible duplicate gifts held for a
 * person, readable gift names, new donors made with the phone and address their row carried, a linked donor's new
 * email added, and column mappings saved under a name.
 */
@QuarkusTest
class BatchReviewRulesTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @BeforeEach
    void emptyWorkspace() {
        EmulatorControl.reset();
    }

    @Test
    void anonymousOneOffRowsArePostedWithNoDonorAndNeverMatched() {
        String batch = batch();
        JsonPath imported = upload(batch, "first_name,last_name,email,amount,currency,gift_date,anonymous\n"
                + ",,,20,GBP,2026-11-20,yes\n"
                + ",,,20,GBP,2026-11-20,yes\n"
                + "Ada,Lovelace,ada@example.org,5,GBP,2026-11-20,no\n"
                + ",,,7,GBP,2026-11-20,maybe\n");
        assertEquals(3, imported.getInt("import.imported"));
        assertEquals(List.of(Map.of("row", 5, "column", "anonymous", "reason", "must be yes or no (also true/false, 1/0, y/n)")),
                imported.getList("import.rejected"));

        JsonPath matched = BatchRunsApi.run(batch, "donor-match", null);
        assertEquals(1, matched.getInt("counters.candidates"), "anonymous rows are never donor candidates");

        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(2, processed.getInt("counters.processed"), processed.prettify());
        assertEquals(1, processed.getInt("counters.deferred"), "Ada waits for a donor");
        JsonPath gifts = given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/gifts").then().extract().jsonPath();
        assertEquals(2, gifts.getList("data.gifts").size(), "two anonymous gifts of one amount on one day are not duplicates");
        assertEquals(List.of(true, true), gifts.getList("data.gifts.isAnonymous"));
        assertEquals(List.of("Anonymous gift · 20.00 GBP · 2026-11-20", "Anonymous gift · 20.00 GBP · 2026-11-20"),
                gifts.getList("data.gifts.name"));
        assertTrue(gifts.getList("data.gifts.donorId").stream().allMatch(id -> id == null));
    }

    @Test
    void aRowRepeatingAnotherOfTheFileWaitsForAPerson() {
        String batch = batch();
        String ada = person("Ada", "Lovelace", "ada@example.org");
        JsonPath importedTwice = upload(batch, "first_name,last_name,email,amount,currency,gift_date\n"
                + "Ada,Lovelace,ada@example.org,25,GBP,2026-11-20\n"
                + "Ada,Lovelace,ADA@example.org,25,GBP,2026-11-20\n"
                + "Ada,Lovelace,ada@example.org,25,GBP,2026-11-21\n");
        assertEquals(3, importedTwice.getInt("import.imported"));
        JsonPath flagged = stagingWhere("donorEmail[eq]:\"ADA@example.org\"");
        assertEquals("needs_review", flagged.getString("data.giftStagings[0].dedupeStatus"));
        assertEquals(Map.of("reason", "possible_duplicate_gift", "csvRow", 2),
                flagged.getMap("data.giftStagings[0].processingDiagnostics.possibleDuplicateGift"));

        BatchRunsApi.run(batch, "donor-match", null);
        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(2, processed.getInt("counters.processed"));
        assertEquals(1, processed.getInt("counters.deferred"));
        assertTrue(processed.getList("recentOutcomes.reason").contains("possible_duplicate_gift"), processed.prettify());
        assertEquals(ada, flaggedAgain(flagged).getString("data.giftStaging.donorId"), "its donor is linked all the same");

        // A person looks, finds it a second gift, and passes it: the next run posts it.
        String rowId = flagged.getString("data.giftStagings[0].id");
        api().body(Map.of("dedupeStatus", "passed")).patch("/api/fundraising/gift-staging/" + rowId + "/status").then().statusCode(200);
        assertEquals(1, BatchRunsApi.run(batch, "process", null).getInt("counters.processed"));
        assertEquals(3, EmulatorControl.records("gifts"));
    }

    @Test
    void aRepeatPassedBeforeItsDonorIsFoundStaysPassed() {
        String batch = batch();
        person("Ada", "Lovelace", "ada@example.org");
        assertEquals(2, upload(batch, "first_name,last_name,email,amount,currency,gift_date\n"
                + "Ada,Lovelace,ada@example.org,25,GBP,2026-11-20\n"
                + "Ada,Lovelace,ada@example.org,25,GBP,2026-11-20\n").getInt("import.imported"));
        String flagged = stagingWhere("dedupeStatus[eq]:\"needs_review\"").getString("data.giftStagings[0].id");
        api().body(Map.of("dedupeStatus", "passed")).patch("/api/fundraising/gift-staging/" + flagged + "/status").then().statusCode(200);
        BatchRunsApi.run(batch, "donor-match", null);
        assertEquals("matched_existing", EmulatorControl.get("giftStagings", flagged).getString("data.giftStaging.dedupeStatus"),
                "linking the donor does not undo the reviewer's decision");
        assertEquals(2, BatchRunsApi.run(batch, "process", null).getInt("counters.processed"));
        assertEquals(2, EmulatorControl.records("gifts"));
    }

    @Test
    void aRowRepeatingAGiftAlreadyInTwentyIsFlaggedWhenItsDonorIsFound() {
        String batch = batch();
        String ada = person("Ada", "Lovelace", "ada@example.org");
        EmulatorControl.create("gifts", Map.of("donorId", ada, "giftDate", "2026-11-20",
                "amount", Map.of("amountMicros", 25_000_000L, "currencyCode", "GBP")));
        upload(batch, "first_name,last_name,email,amount,currency,gift_date\n"
                + "Ada,Lovelace,ada@example.org,25,GBP,2026-11-20\n"
                + "Ada,Lovelace,ada@example.org,30,GBP,2026-11-20\n");
        EmulatorControl.clearStats();
        JsonPath matched = BatchRunsApi.run(batch, "donor-match", null);
        assertEquals(1L, EmulatorControl.calls("GET /rest/gifts"), "one read of the linked donors' gifts for the chunk");
        assertEquals(1, matched.getInt("counters.deferred"), matched.prettify());
        JsonPath flagged = stagingWhere("amount.amountMicros[eq]:25000000");
        assertEquals("needs_review", flagged.getString("data.giftStagings[0].dedupeStatus"));
        assertEquals("possible_duplicate_gift", flagged.getString("data.giftStagings[0].processingDiagnostics.possibleDuplicateGift.reason"));

        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(1, processed.getInt("counters.processed"));
        assertEquals(1, processed.getInt("counters.deferred"));
        assertEquals(2, EmulatorControl.records("gifts"), "the repeat is not posted");
    }

    @Test
    void newDonorsGetThePhoneAndAddressTheirRowCarried() {
        String batch = batch();
        JsonPath imported = upload(batch, "first_name,last_name,email,amount,currency,phone,address_line1,city,postal_code,country\n"
                + "Grace,Hopper,grace@example.org,10,GBP,+44 20 7946 0958,1 Navy Street,London,SW1A 1AA,GB\n"
                + "Alan,Turing,,10,GBP,not a phone,,,,\n");
        assertEquals(1, imported.getInt("import.imported"));
        assertEquals("phone", imported.getString("import.rejected[0].column"));
        BatchRunsApi.run(batch, "donor-match", null);
        BatchRunsApi.run(batch, "donor-match/create-donors/run", null);
        JsonPath grace = given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", "name.firstName[eq]:\"Grace\"")
                .get(EmulatorControl.REST + "/people").then().extract().jsonPath();
        assertEquals("+44 20 7946 0958", grace.getString("data.people[0].phones.primaryPhoneNumber"));
        assertEquals("1 Navy Street", grace.getString("data.people[0].mailingAddress.addressStreet1"));
        assertEquals("London", grace.getString("data.people[0].mailingAddress.addressCity"));
        assertEquals("SW1A 1AA", grace.getString("data.people[0].mailingAddress.addressPostcode"));
        assertEquals("grace@example.org", grace.getString("data.people[0].emails.primaryEmail"));
    }

    @Test
    void aLinkedDonorGetsAGiftsNewEmailAsAnAdditionalOneOnce() {
        String batch = batch();
        String ada = person("Ada", "Lovelace", "ada@example.org");
        upload(batch, "first_name,last_name,email,amount,currency,gift_date\n"
                + "Ada,Lovelace,countess@example.org,10,GBP,2026-11-20\n"
                + "Ada,Lovelace,Countess@Example.org,11,GBP,2026-11-21\n");
        BatchRunsApi.run(batch, "donor-match", null);
        JsonPath rows = stagingWhere("donorFirstName[eq]:\"Ada\"");
        assertEquals(List.of("needs_review", "needs_review"), rows.getList("data.giftStagings.dedupeStatus"), "same name, other email: a person decides");
        for (Object id : rows.getList("data.giftStagings.id")) {
            api().body(Map.of("donorId", ada)).patch("/api/fundraising/gift-staging/" + id).then().statusCode(200);
            api().body(Map.of("dedupeStatus", "matched_existing")).patch("/api/fundraising/gift-staging/" + id + "/status").then().statusCode(200);
        }
        EmulatorControl.clearStats();
        JsonPath processed = BatchRunsApi.run(batch, "process", null);
        assertEquals(2, processed.getInt("counters.processed"), processed.prettify());
        assertEquals(1L, EmulatorControl.calls("POST /rest/batch/people"), "one upsert adds the email");
        JsonPath person = EmulatorControl.get("people", ada);
        assertEquals("ada@example.org", person.getString("data.person.emails.primaryEmail"), "the primary email is untouched");
        assertEquals(List.of("countess@example.org"), person.getList("data.person.emails.additionalEmails"));
    }

    @Test
    void aMappingSavedUnderANameServesLaterImports() {
        String batch = batch();
        api().body(Map.of("Donor First", "first_name", "Donor Last", "last_name", "Gift", "amount"))
                .put(BATCHES + "/csv-mappings/bank-export").then().statusCode(200).body("Gift", equalTo("amount"));
        api().get(BATCHES + "/csv-mappings/bank-export").then().statusCode(200).body("'Donor First'", equalTo("first_name"));
        assertEquals(1, BatchRunsApi.importCsv(batch, "Donor First,Donor Last,Gift,currency\nAda,Lovelace,5,GBP\n",
                Map.of("mappingName", "bank-export")).getInt("import.imported"));
        given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv").queryParam("mappingName", "nobody-saved-this")
                .body("Gift\n5\n").post(BATCHES + "/" + batch + "/import").then().statusCode(404);
        given().auth().oauth2(EmulatorControl.KEY).contentType("text/csv").queryParam("mappingName", "bank-export")
                .queryParam("mapping", "{\"Gift\":\"amount\"}").body("Gift\n5\n").post(BATCHES + "/" + batch + "/import")
                .then().statusCode(400).body("message", containsString("not both"));
        api().body(Map.of("Gift", "sum")).put(BATCHES + "/csv-mappings/bank-export").then().statusCode(400)
                .body("message", containsString("not a column"));
        api().body(Map.of("Gift", "amount")).put(BATCHES + "/csv-mappings/Bad Name!").then().statusCode(400);
        assertFalse(api().get(BATCHES + "/csv-mappings/bank-export").then().extract().asString().contains("sum"));
    }

    private static JsonPath flaggedAgain(JsonPath flagged) {
        return EmulatorControl.get("giftStagings", flagged.getString("data.giftStagings[0].id"));
    }

    private static JsonPath stagingWhere(String filter) {
        return given().auth().oauth2(EmulatorControl.KEY).queryParam("filter", filter)
                .get(EmulatorControl.REST + "/giftStagings").then().statusCode(200).extract().jsonPath();
    }

    private static String person(String first, String last, String email) {
        return EmulatorControl.create("people", Map.of("name", Map.of("firstName", first, "lastName", last),
                "emails", Map.of("primaryEmail", email)));
    }

    private static String batch() {
        return api().body(Map.of("name", "Deposit")).post(BATCHES).then().statusCode(200).extract().path("data.createGiftBatch.id");
    }

    private static JsonPath upload(String batch, String csv) {
        return BatchRunsApi.importCsv(batch, csv);
    }
}
