package org.fundraising.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.SignedStripeEvents;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.fundraising.webhook.StripeDeliveries.awaitDrained;
import static org.fundraising.webhook.StripeDeliveries.awaitOutcome;
import static org.fundraising.webhook.StripeDeliveries.newEventId;
import static org.fundraising.webhook.StripeDeliveries.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class RecurringWebhookTest {

    private String donor;

    @BeforeEach
    void aMonthlyDonorWithAStripeSubscription() {
        awaitDrained();
        EmulatorControl.reset();
        donor = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Rosalind", "lastName", "Franklin"),
                "emails", Map.of("primaryEmail", "rosalind@example.org")));
    }

    private String agreement(String subscriptionId) {
        return EmulatorControl.create("recurringAgreements", Map.of("name", "Monthly", "donorId", donor, "status", "active",
                "cadence", "monthly", "intervalCount", 1, "provider", "stripe", "providerAgreementId", subscriptionId,
                "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "GBP"), "startDate", "2025-10-30"));
    }

    @Test
    void anInstalmentIsTheAgreementDonorsGiftAndMovesTheAgreementOnOnce() {
        String agreement = agreement("sub_monthly");
        String paid = newEventId();
        send(SignedStripeEvents.invoicePaid(paid, "in_1", "sub_monthly", 1000, "gbp")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(paid);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        JsonPath gift = EmulatorControl.get("gifts", (String) outcome.get("giftId"));
        assertEquals(donor, gift.getString("data.gift.donorId"));
        assertEquals(agreement, gift.getString("data.gift.recurringAgreementId"));
        assertEquals(10_000_000L, gift.getLong("data.gift.amount.amountMicros"));
        assertEquals("in_1", gift.getString("data.gift.providerPaymentId"));

        // The same instalment told again by a newer API version's event: the same payment, posted once.
        String told = newEventId();
        send(SignedStripeEvents.invoicePaymentPaid(told, "in_1", 1000, "gbp")).then().statusCode(204);
        assertEquals("duplicate", awaitOutcome(told).get("status"));
        awaitDrained();
        assertEquals(1, EmulatorControl.records("gifts"));
        assertEquals(1, EmulatorControl.records("people"), "no new donor for an instalment");
        JsonPath moved = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals(1, moved.getInt("data.recurringAgreement.paidInstallmentCount"), "advanced once");
        assertEquals("2025-11-30", moved.getString("data.recurringAgreement.lastPaidAt"));
        assertEquals("2025-11-30", moved.getString("data.recurringAgreement.nextExpectedAt"),
                "one instalment paid: one month on from the start (2025-10-30), whatever day it came");
        assertEquals(10_000_000L, moved.getLong("data.recurringAgreement.totalReceivedAmount.amountMicros"));
    }

    @Test
    void aSubscriptionsCheckoutAndItsFirstInvoiceAreOneGift() {
        agreement("sub_first");
        String checkout = newEventId();
        String invoice = newEventId();
        send(SignedStripeEvents.subscriptionCheckout(checkout, "sub_first", "in_first", 1000, "gbp", "Rosalind Franklin",
                "rosalind@example.org")).then().statusCode(204);
        send(SignedStripeEvents.invoicePaid(invoice, "in_first", "sub_first", 1000, "gbp")).then().statusCode(204);
        Map<String, Object> first = awaitOutcome(checkout);
        Map<String, Object> second = awaitOutcome(invoice);
        assertTrue(Map.of("processed", 1, "duplicate", 1).keySet().containsAll(java.util.List.of(first.get("status"), second.get("status")))
                && !first.get("status").equals(second.get("status")), first + " / " + second);
        awaitDrained();
        assertEquals(1, EmulatorControl.records("gifts"));
    }

    @Test
    void aNewSubscriptionsCheckoutMakesItsAgreementAndLaterInstalmentsFollowIt() {
        String checkout = newEventId();
        send(SignedStripeEvents.subscriptionCheckout(checkout, "sub_new", "in_new_1", 2000, "gbp", "Lise Meitner",
                "lise@example.org").replace("\"metadata\":{}", "\"metadata\":{\"interval\":\"month\",\"interval_count\":\"1\"}"))
                .then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(checkout);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        JsonPath gift = EmulatorControl.get("gifts", (String) outcome.get("giftId"));
        String agreement = gift.getString("data.gift.recurringAgreementId");
        JsonPath made = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals("sub_new", made.getString("data.recurringAgreement.providerAgreementId"));
        assertEquals("stripe", made.getString("data.recurringAgreement.provider"));
        assertEquals("monthly", made.getString("data.recurringAgreement.cadence"));
        assertEquals(gift.getString("data.gift.donorId"), made.getString("data.recurringAgreement.donorId"));
        assertEquals("2025-11-30", made.getString("data.recurringAgreement.startDate"));
        assertEquals(1, made.getInt("data.recurringAgreement.paidInstallmentCount"));
        assertEquals("2025-12-30", made.getString("data.recurringAgreement.nextExpectedAt"));

        String second = newEventId();
        send(SignedStripeEvents.invoicePaid(second, "in_new_2", "sub_new", 2000, "gbp")).then().statusCode(204);
        assertEquals("processed", awaitOutcome(second).get("status"));
        JsonPath moved = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals(2, moved.getInt("data.recurringAgreement.paidInstallmentCount"));
        assertEquals(40_000_000L, moved.getLong("data.recurringAgreement.totalReceivedAmount.amountMicros"));
        assertEquals(1, EmulatorControl.records("recurringAgreements"));

        String odd = newEventId();
        send(SignedStripeEvents.subscriptionCheckout(odd, "sub_odd", "in_odd", 2000, "gbp", "Lise Meitner", "lise@example.org")
                .replace("\"metadata\":{}", "\"metadata\":{\"interval\":\"month\",\"interval_count\":\"2\"}"))
                .then().statusCode(204);
        assertEquals("staged_for_review", awaitOutcome(odd).get("status"), "every two months is not a cadence an agreement has");
    }

    @Test
    void anInstalmentWithNoAgreementIsStagedForReviewNotDropped() {
        String paid = newEventId();
        send(SignedStripeEvents.invoicePaid(paid, "in_orphan", "sub_unknown", 1500, "gbp")).then().statusCode(204);
        Map<String, Object> outcome = awaitOutcome(paid);
        assertEquals("staged_for_review", outcome.get("status"), String.valueOf(outcome));
        assertTrue(String.valueOf(outcome.get("detail")).contains("sub_unknown"), String.valueOf(outcome));
        JsonPath row = EmulatorControl.get("giftStagings", (String) outcome.get("stagingId"));
        assertEquals("needs_review", row.getString("data.giftStaging.dedupeStatus"));
        assertEquals(0, EmulatorControl.records("gifts"));
    }

    @Test
    void subscriptionChangesReachTheAgreementEvenWhenTheyComeFirst() {
        // The update comes before the agreement exists (its checkout is still on its way): it waits, then applies.
        String updated = newEventId();
        send(SignedStripeEvents.subscriptionEvent(updated, "customer.subscription.updated", "sub_early", "past_due"))
                .then().statusCode(204);
        String agreement = agreement("sub_early");
        Map<String, Object> outcome = awaitOutcome(updated);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        assertEquals("delinquent", EmulatorControl.get("recurringAgreements", agreement).getString("data.recurringAgreement.status"));

        String deleted = newEventId();
        send(SignedStripeEvents.subscriptionEvent(deleted, "customer.subscription.deleted", "sub_early", "canceled"))
                .then().statusCode(204);
        assertEquals("processed", awaitOutcome(deleted).get("status"));
        JsonPath canceled = EmulatorControl.get("recurringAgreements", agreement);
        assertEquals("canceled", canceled.getString("data.recurringAgreement.status"));
        assertTrue(canceled.getString("data.recurringAgreement.canceledAt").startsWith("2025-11-30"), canceled.prettify());
    }

    @Test
    void goCardlessMandatesAndSubscriptionsReachTheirAgreements() {
        String byMandate = EmulatorControl.create("recurringAgreements", Map.of("name", "DD", "donorId", donor, "status", "active",
                "cadence", "monthly", "provider", "gocardless", "mandateReference", "MD0001"));
        String bySubscription = EmulatorControl.create("recurringAgreements", Map.of("name", "DD 2", "donorId", donor,
                "status", "active", "cadence", "monthly", "provider", "gocardless", "providerAgreementId", "SB0001"));
        String mandateEvent = "EV" + newEventId().substring(4, 14).toUpperCase();
        String subscriptionEvent = "EV" + newEventId().substring(4, 14).toUpperCase();
        String body = "{\"events\":["
                + "{\"id\":\"" + mandateEvent + "\",\"created_at\":\"2026-11-30T10:00:00.000Z\",\"resource_type\":\"mandates\","
                + "\"action\":\"cancelled\",\"links\":{\"mandate\":\"MD0001\"}},"
                + "{\"id\":\"" + subscriptionEvent + "\",\"created_at\":\"2026-11-30T10:00:01.000Z\",\"resource_type\":\"subscriptions\","
                + "\"action\":\"paused\",\"links\":{\"subscription\":\"SB0001\"}}]}";
        io.restassured.RestAssured.given().header("Webhook-Signature", SignedStripeEvents.hmac("gc_test_secret", body))
                .contentType("application/json").body(body).post("/api/fundraising/webhooks/gocardless").then().statusCode(204);
        assertEquals("processed", awaitOutcome(mandateEvent).get("status"));
        assertEquals("processed", awaitOutcome(subscriptionEvent).get("status"));
        JsonPath canceled = EmulatorControl.get("recurringAgreements", byMandate);
        assertEquals("canceled", canceled.getString("data.recurringAgreement.status"));
        assertTrue(canceled.getString("data.recurringAgreement.canceledAt").startsWith("2026-11-30T10:00"), canceled.prettify());
        assertEquals("paused", EmulatorControl.get("recurringAgreements", bySubscription).getString("data.recurringAgreement.status"));
    }

    @Test
    void anAgreementIsDelinquentAfterThreeFailedAttempts() {
        String agreement = agreement("sub_failing");
        String first = newEventId();
        send(SignedStripeEvents.invoiceFailed(first, "in_fail", "sub_failing", 1)).then().statusCode(204);
        assertEquals("ignored", awaitOutcome(first).get("status"));
        assertEquals("active", EmulatorControl.get("recurringAgreements", agreement).getString("data.recurringAgreement.status"));
        String third = newEventId();
        send(SignedStripeEvents.invoiceFailed(third, "in_fail", "sub_failing", 3)).then().statusCode(204);
        assertEquals("processed", awaitOutcome(third).get("status"));
        assertEquals("delinquent", EmulatorControl.get("recurringAgreements", agreement).getString("data.recurringAgreement.status"));
    }
}
