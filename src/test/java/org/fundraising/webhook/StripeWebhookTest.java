package org.fundraising.webhook;

import io.quarkus.test.junit.QuarkusTest;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.fundraising.support.SignedStripeEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.restassured.RestAssured.given;
import static org.fundraising.webhook.StripeDeliveries.awaitDrained;
import static org.fundraising.webhook.StripeDeliveries.awaitOutcome;
import static org.fundraising.webhook.StripeDeliveries.checkout;
import static org.fundraising.webhook.StripeDeliveries.header;
import static org.fundraising.webhook.StripeDeliveries.newEventId;
import static org.fundraising.webhook.StripeDeliveries.send;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class StripeWebhookTest {

    @BeforeEach
    void clean() {
        awaitDrained();
        EmulatorControl.reset();
    }

    @Test
    void signaturesAreCheckedOnTheRawBodyAndRefusalsWriteNothing() {
        String body = checkout(newEventId(), "pi_sig", 1000, "gbp", "Ada Lovelace", "ada@example.org");
        long now = Instant.now().getEpochSecond();
        String good = header(body, now, StripeDeliveries.SECRET);
        send(body.replace("1000", "9000"), good).then().statusCode(400).body("message", equalTo("Invalid Stripe signature"));
        send(body, header(body, now, "whsec_wrong")).then().statusCode(400).body("message", equalTo("Invalid Stripe signature"));
        send(body, header(body, now - 301, StripeDeliveries.SECRET)).then().statusCode(400)
                .body("message", equalTo("Invalid Stripe signature: the timestamp is outside the 300 s tolerance"));
        send(body, header(body, now + 310, StripeDeliveries.SECRET)).then().statusCode(400);
        send(body, "t=" + now).then().statusCode(400);
        send(body, "v1=abc,t=x").then().statusCode(400);
        given().contentType("application/json").body(body).post(StripeDeliveries.ROUTE).then().statusCode(400)
                .body("message", equalTo("Missing stripe-signature header"));
        String huge = "{\"id\":\"evt_huge\",\"type\":\"x\",\"pad\":\"" + "a".repeat(1024 * 1024) + "\"}";
        send(huge, header(huge, now, StripeDeliveries.SECRET)).then().statusCode(413);
        given().header("Stripe-Signature", good).post(StripeDeliveries.ROUTE).then().statusCode(400)
                .body("message", equalTo("Invalid Stripe signature"));
        given().header("Webhook-Signature", "00").post("/api/fundraising/webhooks/gocardless").then().statusCode(498);
        awaitDrained();
        assertEquals(0, EmulatorControl.records("gifts"));
        assertEquals(0, EmulatorControl.stats().getLong("calls"), "a refused delivery costs no Twenty call");

        // Stripe signs with the old and the new secret while one is rolled: either may match.
        send(body, header(body, now - 250, "whsec_old", StripeDeliveries.SECRET)).then().statusCode(204);
        awaitOutcome(new JsonPath(body).getString("id"));
    }

    @Test
    void aPaidCheckoutBecomesOneGiftOfANewDonorWithWhatTheyTyped() {
        String eventId = newEventId();
        send(checkout(eventId, "pi_new_donor", 1050, "gbp", "Ada King Lovelace", "ada@example.org")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));

        JsonPath gift = EmulatorControl.get("gifts", (String) outcome.get("giftId"));
        assertEquals(10_500_000L, gift.getLong("data.gift.amount.amountMicros"));
        assertEquals("GBP", gift.getString("data.gift.amount.currencyCode"));
        assertEquals("cs_" + eventId, gift.getString("data.gift.externalId"));
        assertEquals("pi_new_donor", gift.getString("data.gift.providerPaymentId"));
        assertEquals("2025-11-30", gift.getString("data.gift.giftDate"));
        JsonPath donor = EmulatorControl.get("people", gift.getString("data.gift.donorId"));
        assertEquals("Ada", donor.getString("data.person.name.firstName"));
        assertEquals("King Lovelace", donor.getString("data.person.name.lastName"));
        assertEquals("ada@example.org", donor.getString("data.person.emails.primaryEmail"));
        assertEquals("+44 20 7946 0958", donor.getString("data.person.phones.primaryPhoneNumber"));
        assertEquals("Bath", donor.getString("data.person.mailingAddress.addressCity"));
        JsonPath row = EmulatorControl.get("giftStagings", (String) outcome.get("stagingId"));
        assertEquals("processed", row.getString("data.giftStaging.processingStatus"));
        assertEquals("stripe_webhook", row.getString("data.giftStaging.intakeSource"));
    }

    @Test
    void aPaymentIsPostedOnceHoweverOftenItIsDelivered() {
        String eventId = newEventId();
        String body = checkout(eventId, "pi_twice", 2500, "gbp", "Grace Hopper", "grace@example.org");
        send(body).then().statusCode(204);
        send(body).then().statusCode(204);
        assertEquals("processed", awaitOutcome(eventId).get("status"));
        // The same payment told again under another event (a delayed payment confirmed later).
        String confirmed = newEventId();
        send(body.replace(eventId + "\"", confirmed + "\"").replace("checkout.session.completed", "checkout.session.async_payment_succeeded"))
                .then().statusCode(204);
        Map<String, Object> again = awaitOutcome(confirmed);
        assertEquals("duplicate", again.get("status"), String.valueOf(again));
        awaitDrained();
        assertEquals(1, EmulatorControl.records("gifts"));
        assertEquals(1, EmulatorControl.records("people"));
    }

    @Test
    void amountsUseTheCurrencysMinorUnitsAsStripeCountsThem() {
        String yen = newEventId();
        String dinar = newEventId();
        send(checkout(yen, "pi_jpy", 1050, "jpy", "Hiro Tanaka", "hiro@example.org")).then().statusCode(204);
        send(checkout(dinar, "pi_kwd", 1050, "kwd", "Noor Salem", "noor@example.org")).then().statusCode(204);
        JsonPath yenGift = EmulatorControl.get("gifts", (String) awaitOutcome(yen).get("giftId"));
        JsonPath dinarGift = EmulatorControl.get("gifts", (String) awaitOutcome(dinar).get("giftId"));
        assertEquals(1_050_000_000L, yenGift.getLong("data.gift.amount.amountMicros"), "1050 yen");
        assertEquals("JPY", yenGift.getString("data.gift.amount.currencyCode"));
        assertEquals(1_050_000L, dinarGift.getLong("data.gift.amount.amountMicros"), "1.050 dinar");
    }

    @Test
    void aSessionWithNoUsableNameIsStagedForReviewNotDropped() {
        String eventId = newEventId();
        send(checkout(eventId, "pi_no_name", 700, "gbp", null, "someone@example.org")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("staged_for_review", outcome.get("status"), String.valueOf(outcome));
        JsonPath row = EmulatorControl.get("giftStagings", (String) outcome.get("stagingId"));
        assertEquals("pending", row.getString("data.giftStaging.processingStatus"));
        assertEquals("needs_review", row.getString("data.giftStaging.dedupeStatus"));
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void anEmailThatIsAnotherPersonsIsAConflictForAReviewerNeverAGuess() {
        String grace = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Grace", "lastName", "Hopper"),
                "emails", Map.of("primaryEmail", "shared@example.org")));
        String eventId = newEventId();
        send(checkout(eventId, "pi_conflict", 800, "gbp", "Ada Lovelace", "shared@example.org")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("staged_for_review", outcome.get("status"), String.valueOf(outcome));
        assertTrue(String.valueOf(outcome.get("detail")).contains("Grace Hopper") && String.valueOf(outcome.get("detail")).contains(grace),
                String.valueOf(outcome));
        JsonPath row = EmulatorControl.get("giftStagings", (String) outcome.get("stagingId"));
        assertEquals(grace, row.getString("data.giftStaging.processingDiagnostics.donorEmailConflict.personId"));
        assertTrue(row.getList("data.giftStaging.processingDiagnostics.processingWarnings").contains("donor_email_conflict"));
        assertEquals(0, EmulatorControl.records("gifts"));
        assertEquals(1, EmulatorControl.records("people"), "no second person with that email");
    }

    @Test
    void aOneWordNameWithAnEmailIsANewDonorWithAFirstNameOnly() {
        String eventId = newEventId();
        send(checkout(eventId, "pi_one_word", 900, "gbp", "Cher", "cher@example.org")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        JsonPath donor = EmulatorControl.get("people", EmulatorControl.get("gifts", (String) outcome.get("giftId")).getString("data.gift.donorId"));
        assertEquals("Cher", donor.getString("data.person.name.firstName"));
        assertEquals("", donor.getString("data.person.name.lastName"));
    }

    @Test
    void goCardlessDeliveriesAreSignedStoredAndListed() {
        String eventId = "EV" + newEventId().substring(4, 16).toUpperCase();
        String body = "{\"events\":[{\"id\":\"" + eventId + "\",\"created_at\":\"2026-11-30T10:00:00.000Z\","
                + "\"resource_type\":\"mandates\",\"action\":\"created\",\"links\":{\"mandate\":\"MD123\"}}]}";
        String signature = SignedStripeEvents.hmac("gc_test_secret", body);
        given().header("Webhook-Signature", signature).contentType("application/json").body(body)
                .post("/api/fundraising/webhooks/gocardless").then().statusCode(204);
        given().header("Webhook-Signature", signature).contentType("application/json").body(body.replace("MD123", "MD999"))
                .post("/api/fundraising/webhooks/gocardless").then().statusCode(498);
        given().contentType("application/json").body(body).post("/api/fundraising/webhooks/gocardless").then().statusCode(498);
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("ignored", outcome.get("status"));
        assertEquals("gocardless", outcome.get("provider"));
        assertEquals("mandates.created", outcome.get("type"));
    }

    @Test
    void aPartialThenAFullRefundAreRecordedOnTheGiftOnce() {
        String paid = newEventId();
        send(checkout(paid, "pi_refunded", 1050, "gbp", "Emmy Noether", "emmy@example.org")).then().statusCode(204);
        String giftId = (String) awaitOutcome(paid).get("giftId");

        String partial = newEventId();
        send(SignedStripeEvents.chargeRefunded(partial, "pi_refunded", 1050, 400, "gbp")).then().statusCode(204);
        assertEquals("processed", awaitOutcome(partial).get("status"));
        JsonPath gift = EmulatorControl.get("gifts", giftId);
        assertEquals(4_000_000L, gift.getLong("data.gift.refundedAmount.amountMicros"));
        assertEquals("PARTIALLY_REFUNDED", gift.getString("data.gift.refundStatus"));
        assertEquals(10_500_000L, gift.getLong("data.gift.amount.amountMicros"), "the gift keeps its amount");

        String full = newEventId();
        String fullBody = SignedStripeEvents.chargeRefunded(full, "pi_refunded", 1050, 1050, "gbp");
        send(fullBody).then().statusCode(204);
        assertEquals("processed", awaitOutcome(full).get("status"));
        // The same refund told again under another event id changes nothing.
        String again = newEventId();
        send(fullBody.replace(full, again)).then().statusCode(204);
        assertEquals("duplicate", awaitOutcome(again).get("status"));
        gift = EmulatorControl.get("gifts", giftId);
        assertEquals(10_500_000L, gift.getLong("data.gift.refundedAmount.amountMicros"));
        assertEquals("FULLY_REFUNDED", gift.getString("data.gift.refundStatus"));
        assertEquals("2025-12-01", gift.getString("data.gift.refundDate"));
    }

    @Test
    void aRefundOfAPaymentThatNeverArrivesWaitsThenIsParked() {
        String refund = newEventId();
        send(SignedStripeEvents.chargeRefunded(refund, "pi_never_seen", 1000, 1000, "gbp")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(refund);
        assertEquals("parked", outcome.get("status"), String.valueOf(outcome));
        assertTrue(String.valueOf(outcome.get("detail")).contains("no gift of this payment"), String.valueOf(outcome));
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void typesNotActedOnAreAcknowledgedAndListedAsIgnored() {
        String eventId = newEventId();
        send("{\"id\":\"" + eventId + "\",\"type\":\"customer.created\",\"data\":{\"object\":{}}}").then().statusCode(204);
        assertEquals("ignored", awaitOutcome(eventId).get("status"));
        List<Map<String, Object>> ignored = StripeDeliveries.events("ignored").getList("events");
        assertTrue(ignored.stream().anyMatch(event -> eventId.equals(event.get("eventId"))));
        given().auth().oauth2(EmulatorControl.KEY).queryParam("status", "lost").get("/api/fundraising/webhooks/events")
                .then().statusCode(400).body("details[0].field", equalTo("status"));
    }

    @Test
    void theEventListAndReplayNeedAToken() {
        given().get("/api/fundraising/webhooks/events").then().statusCode(401);
        given().post("/api/fundraising/webhooks/events/1/replay").then().statusCode(401);
    }

    @Test
    void anEventThatKeepsFailingIsParkedAndReplayedByAPerson() {
        EmulatorControl.fault(Map.of("path", "/rest/batch/giftStagings", "mode", "error", "status", 503));
        String eventId = newEventId();
        send(checkout(eventId, "pi_parked", 1200, "gbp", "Mary Somerville", "mary@example.org")).then().statusCode(204);
        Map<String, Object> parked = awaitOutcome(eventId);
        assertEquals("parked", parked.get("status"), String.valueOf(parked));
        List<Map<String, Object>> listed = StripeDeliveries.events("parked").getList("events");
        assertTrue(listed.stream().anyMatch(event -> eventId.equals(event.get("eventId"))), String.valueOf(listed));
        assertEquals(0, EmulatorControl.records("gifts"));

        EmulatorControl.clearFaults();
        given().auth().oauth2(EmulatorControl.KEY).post("/api/fundraising/webhooks/events/" + parked.get("entryId") + "/replay")
                .then().statusCode(202).body("status", equalTo("queued"));
        awaitDrained();
        assertEquals("processed", awaitOutcome(eventId).get("status"));
        assertEquals(1, EmulatorControl.records("gifts"));
        given().auth().oauth2(EmulatorControl.KEY).post("/api/fundraising/webhooks/events/" + parked.get("entryId") + "/replay")
                .then().statusCode(404);
    }

    @Test
    void aBurstOf200CheckoutsIsPostedInAFewBatchCalls() throws Exception {
        EmulatorControl.clearStats();
        long groupsBefore = groupLines().size();
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            bodies.add(checkout(newEventId(), "pi_burst_" + i, 500 + i, "gbp", "Donor" + i + " Burst", "donor" + i + "@example.org"));
        }
        ExecutorService senders = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<Integer>> sent = bodies.stream()
                    .map(body -> CompletableFuture.supplyAsync(() -> send(body).statusCode(), senders)).toList();
            sent.forEach(status -> assertEquals(204, status.join()));
        } finally {
            senders.shutdown();
        }
        awaitDrained();
        assertEquals(200, EmulatorControl.records("gifts"));
        assertEquals(200, EmulatorControl.records("people"));
        long calls = EmulatorControl.stats().getLong("calls");
        Map<String, Long> byRoute = EmulatorControl.callsByRoute();
        System.out.println("webhook burst: 200 checkouts, " + calls + " Twenty calls: " + byRoute);
        assertTrue(calls <= 30, "200 checkouts cost " + calls + " Twenty calls: " + byRoute);

        // Each group of events costs exactly: its staging rows, its new donors, its gifts, its marks (one call each),
        // and one or two donor lookups.
        List<JsonNode> groups = List.of();
        int posted = 0;
        for (int look = 0; look < 100 && posted < 200; look++) {
            List<JsonNode> lines = groupLines();
            groups = lines.subList((int) groupsBefore, lines.size());
            posted = groups.stream().mapToInt(line -> line.path("events").asInt()).sum();
            Thread.sleep(posted < 200 ? 50 : 0);
        }
        assertEquals(200, posted, "every event in one group: " + groups);
        long groupCount = groups.size();
        assertEquals(groupCount, byRoute.get("POST /rest/batch/gifts"), byRoute.toString());
        assertEquals(groupCount, byRoute.get("POST /rest/batch/people"), byRoute.toString());
        assertEquals(2 * groupCount, byRoute.get("POST /rest/batch/giftStagings"), byRoute.toString());
        long lookups = byRoute.get("GET /rest/people");
        assertTrue(lookups >= groupCount && lookups <= 2 * groupCount, byRoute.toString());
        assertEquals(4 * groupCount + lookups, calls);
    }

    private static List<JsonNode> groupLines() throws Exception {
        return LogLines.parsed().stream().filter(line -> "webhook_group_handled".equals(line.path("event").asText())).toList();
    }
}
