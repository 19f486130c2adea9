package org.fundraising.webhook;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.SignedStripeEvents;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Signed Stripe deliveries as Stripe sends them, and a wait for what the inbox worker made of them. */
final class StripeDeliveries {

    static final String SECRET = "whsec_test_secret";
    static final String ROUTE = "/api/fundraising/webhooks/stripe";

    private StripeDeliveries() {
    }

    static String checkout(String eventId, String paymentIntent, long amountTotal, String currency, String name, String email) {
        return SignedStripeEvents.checkout(eventId, paymentIntent, amountTotal, currency, name, email);
    }

    static String header(String body, long timestamp, String... secrets) {
        return SignedStripeEvents.signature(body, timestamp, secrets);
    }

    static Response send(String body) {
        return send(body, header(body, Instant.now().getEpochSecond(), SECRET));
    }

    static Response send(String body, String signature) {
        return given().header("Stripe-Signature", signature).contentType("application/json; charset=utf-8")
                .body(body.getBytes(StandardCharsets.UTF_8)).post(ROUTE);
    }

    static JsonPath events(String status) {
        return given().auth().oauth2(EmulatorControl.KEY).queryParam("status", status == null ? "" : status)
                .get("/api/fundraising/webhooks/events").then().statusCode(200).extract().jsonPath();
    }

    /** The outcome of the event once the worker settled it. */
    static Map<String, Object> awaitOutcome(String eventId) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            List<Map<String, Object>> events = events(null).getList("events");
            for (Map<String, Object> event : events) {
                if (eventId.equals(event.get("eventId"))) {
                    return event;
                }
            }
            pause();
        }
        throw new AssertionError("event " + eventId + " was not settled in 20 s");
    }

    /** Waits until nothing waits in the inbox and nothing is being handled. */
    static void awaitDrained() {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath inbox = events(null);
            if (inbox.getLong("inbox.waiting") == 0 && inbox.getLong("inbox.inFlight") == 0) {
                return;
            }
            pause();
        }
        throw new AssertionError("the inbox did not drain in 60 s");
    }

    static String newEventId() {
        return "evt_" + UUID.randomUUID().toString().replace("-", "");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
