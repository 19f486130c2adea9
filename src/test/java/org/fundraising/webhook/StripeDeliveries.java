package org.fundraising.webhook;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import org.fundraising.support.EmulatorControl;

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

    /** A completed one-off Checkout session, paid, by a donor who typed their name and email. */
    static String checkout(String eventId, String paymentIntent, long amountTotal, String currency, String name, String email) {
        return """
                {"id":"%s","object":"event","type":"checkout.session.completed","created":1764460800,
                 "data":{"object":{"id":"cs_%s","object":"checkout.session","mode":"payment","payment_status":"paid",
                   "amount_total":%d,"currency":"%s","payment_intent":%s,"customer":"cus_1",
                   "customer_details":{"name":%s,"email":%s,"phone":"+44 20 7946 0958",
                     "address":{"line1":"1 High Street","line2":null,"city":"Bath","state":"Somerset","postal_code":"BA1 1AA","country":"GB"}},
                   "metadata":{}}}}
                """.formatted(eventId, eventId, amountTotal, currency, paymentIntent == null ? "null" : "\"" + paymentIntent + "\"",
                name == null ? "null" : "\"" + name + "\"", email == null ? "null" : "\"" + email + "\"");
    }

    static String header(String body, long timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=" + timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(Signatures.sign(secret, (timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        }
        return header.toString();
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
