package org.fundraising.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.SignedStripeEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.webhook.StripeDeliveries.awaitDrained;
import static org.fundraising.webhook.StripeDeliveries.awaitOutcome;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class GoCardlessWebhookTest {

    private String donor;
    private String agreement;

    @BeforeEach
    void aDirectDebitDonor() {
        awaitDrained();
        EmulatorControl.reset();
        donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Dorothy", "lastName", "Hodgkin")));
        agreement = EmulatorControl.create("recurringAgreements", Map.of("name", "DD", "donorId", donor, "status", "active",
                "cadence", "monthly", "intervalCount", 1, "provider", "gocardless", "providerAgreementId", "SB100",
                "mandateReference", "MD100", "startDate", "2026-09-01",
                "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "GBP")));
    }

    private static String event(String resource, String action, String linkName, String linkId) {
        String id = "EV" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toUpperCase();
        return id + "|{\"id\":\"" + id + "\",\"created_at\":\"2026-11-30T10:00:00.000Z\",\"resource_type\":\"" + resource
                + "\",\"action\":\"" + action + "\",\"links\":{\"" + linkName + "\":\"" + linkId + "\"}}";
    }

    /** Delivers the events in one signed body; answers their ids. */
    private static String[] deliver(String... events) {
        String[] ids = new String[events.length];
        StringBuilder body = new StringBuilder("{\"events\":[");
        for (int i = 0; i < events.length; i++) {
            String[] parts = events[i].split("\\|", 2);
            ids[i] = parts[0];
            body.append(i == 0 ? "" : ",").append(parts[1]);
        }
        String text = body.append("]}").toString();
        given().header("Webhook-Signature", SignedStripeEvents.hmac("gc_test_secret", text)).contentType("application/json")
                .body(text).post("/api/fundraising/webhooks/gocardless").then().statusCode(204);
        return ids;
    }

    @Test
    void aConfirmedPaymentIsTheAgreementDonorsGiftReadFromGoCardless() {
        GoCardlessFakeResource.payment("PM100", 1000, "GBP", "2026-11-03", "MD100", "SB100");
        String[] ids = deliver(event("payments", "confirmed", "payment", "PM100"));
        Map<String, Object> outcome = awaitOutcome(ids[0]);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        JsonPath gift = EmulatorControl.get("gifts", (String) outcome.get("giftId"));
        assertEquals(10_000_000L, gift.getLong("data.gift.amount.amountMicros"));
        assertEquals("2026-11-03", gift.getString("data.gift.giftDate"));
        assertEquals("direct_debit", gift.getString("data.gift.paymentMethod"));
        assertEquals("gocardless", gift.getString("data.gift.provider"));
        assertEquals("PM100", gift.getString("data.gift.providerPaymentId"));
        assertEquals(donor, gift.getString("data.gift.donorId"));
        assertEquals(agreement, gift.getString("data.gift.recurringAgreementId"));
        JsonPath moved = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals(1, moved.getInt("data.recurringAgreement.paidInstallmentCount"));
        assertEquals("2026-10-01", moved.getString("data.recurringAgreement.nextExpectedAt"));

        // Paid out later: the same payment, posted once.
        String[] paidOut = deliver(event("payments", "paid_out", "payment", "PM100"));
        assertEquals("duplicate", awaitOutcome(paidOut[0]).get("status"));
        assertEquals(1, EmulatorControl.records("gifts"));
    }

    @Test
    void aPaymentIsStagedAsAwaitingWhenCreatedAndPostedWhenConfirmed() {
        GoCardlessFakeResource.payment("PM200", 2500, "GBP", "2026-12-05", "MD100", null);
        String[] created = deliver(event("payments", "created", "payment", "PM200"));
        Map<String, Object> waiting = awaitOutcome(created[0]);
        assertEquals("staged_for_review", waiting.get("status"));
        assertTrue(String.valueOf(waiting.get("detail")).startsWith("awaiting payment"), String.valueOf(waiting));
        assertEquals(0, EmulatorControl.records("gifts"));
        String[] confirmed = deliver(event("payments", "confirmed", "payment", "PM200"));
        Map<String, Object> posted = awaitOutcome(confirmed[0]);
        assertEquals("processed", posted.get("status"), String.valueOf(posted));
        assertEquals(waiting.get("stagingId"), posted.get("stagingId"), "the awaiting row is the one posted");
        assertEquals(agreement, EmulatorControl.get("gifts", (String) posted.get("giftId")).getString("data.gift.recurringAgreementId"),
                "found by its mandate");
    }

    @Test
    void aRefundIsReadFromGoCardlessAndRecordedOnTheGiftOnce() {
        GoCardlessFakeResource.payment("PM500", 1500, "GBP", "2026-11-03", "MD100", "SB100");
        String[] paid = deliver(event("payments", "confirmed", "payment", "PM500"));
        String giftId = (String) awaitOutcome(paid[0]).get("giftId");
        GoCardlessFakeResource.refund("RF500", "PM500", 500);
        String[] refunded = deliver(event("refunds", "created", "refund", "RF500"));
        assertEquals("processed", awaitOutcome(refunded[0]).get("status"));
        String[] settled = deliver(event("refunds", "refund_settled", "refund", "RF500"));
        assertEquals("duplicate", awaitOutcome(settled[0]).get("status"), "the same refund, told again, changes nothing");
        JsonPath gift = EmulatorControl.get("gifts", giftId);
        assertEquals(5_000_000L, gift.getLong("data.gift.refundedAmount.amountMicros"));
        assertEquals("PARTIALLY_REFUNDED", gift.getString("data.gift.refundStatus"));
        assertEquals(15_000_000L, gift.getLong("data.gift.amount.amountMicros"));
    }

    @Test
    void aFailedPaymentMakesItsAgreementDelinquentAndAnUnknownPaymentIsParked() {
        GoCardlessFakeResource.payment("PM300", 1000, "GBP", "2026-11-03", "MD100", null);
        String[] ids = deliver(event("payments", "failed", "payment", "PM300"), event("payments", "confirmed", "payment", "PM404"));
        assertEquals("processed", awaitOutcome(ids[0]).get("status"));
        assertEquals("delinquent", EmulatorControl.get("recurringAgreements", agreement).getString("data.recurringAgreement.status"));
        Map<String, Object> unknown = awaitOutcome(ids[1]);
        assertEquals("parked", unknown.get("status"));
        assertTrue(String.valueOf(unknown.get("detail")).contains("404"), String.valueOf(unknown));
        assertEquals(0, EmulatorControl.records("gifts"));
    }
}
