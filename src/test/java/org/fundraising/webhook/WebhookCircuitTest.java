package org.fundraising.webhook;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.SmallCircuitWindow;
import org.fundraising.twenty.TwentyCircuit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.webhook.StripeDeliveries.awaitOutcome;
import static org.fundraising.webhook.StripeDeliveries.checkout;
import static org.fundraising.webhook.StripeDeliveries.newEventId;
import static org.fundraising.webhook.StripeDeliveries.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** While Twenty is down and the circuit open, the inbox worker waits: events are kept, not retried away or parked. */
@QuarkusTest
@TestProfile(SmallCircuitWindow.class)
class WebhookCircuitTest {

    @Inject
    TwentyCircuit circuit;

    @AfterEach
    void clear() {
        EmulatorControl.clearFaults();
    }

    @Test
    void theWorkerWaitsForAnOpenCircuitThenPosts() throws Exception {
        EmulatorControl.reset();
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/webhooks/events").then().statusCode(200);
        EmulatorControl.fault(Map.of("path", "/rest/.*", "mode", "error", "status", 503));
        String person = UUID.randomUUID().toString();
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person);
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person);
        assertFalse(circuit.isClosed(), "the circuit is open after repeated 503s");

        String eventId = newEventId();
        send(checkout(eventId, "pi_circuit", 990, "gbp", "Chien-Shiung Wu", "wu@example.org")).then().statusCode(204);
        Thread.sleep(2000);
        List<Map<String, Object>> events = StripeDeliveries.events(null).getList("events");
        assertTrue(events.stream().noneMatch(event -> eventId.equals(event.get("eventId"))),
                "the event waits in the inbox, neither retried away nor parked: " + events);
        assertEquals(0, EmulatorControl.records("giftStagings"));

        EmulatorControl.clearFaults();
        Map<String, Object> outcome = awaitOutcome(eventId);
        assertEquals("processed", outcome.get("status"), String.valueOf(outcome));
        assertEquals(0, outcome.get("attempts"), "posted at its first attempt, once the circuit closed");
        assertTrue(circuit.isClosed());
    }
}
