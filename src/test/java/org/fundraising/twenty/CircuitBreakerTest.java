package org.fundraising.twenty;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.fundraising.support.Management;
import org.fundraising.support.SmallCircuitWindow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Twenty down is a state: after repeated 5xx the circuit opens, a person's call is answered 503 with Retry-After
 * at once, background work waits instead of failing, readiness says so, and one probe on the lowest lane closes
 * the circuit once Twenty answers again.
 */
@QuarkusTest
@TestProfile(SmallCircuitWindow.class)
class CircuitBreakerTest {

    @Inject
    TwentyClient client;

    @Inject
    TwentyCircuit circuit;

    @AfterEach
    void clear() {
        EmulatorControl.clearFaults();
    }

    @Test
    void opensOnRepeated5xxShedsPeopleHoldsBackgroundWorkAndAProbeClosesIt() throws Exception {
        String person = UUID.randomUUID().toString();
        EmulatorControl.fault(Map.of("path", "/rest/people.*", "mode", "error", "status", 503));
        // Each request makes three attempts (5xx is retried): two requests are enough to open a window of four.
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person).then().statusCode(502);
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person);
        assertFalse(circuit.isClosed(), "the circuit is still closed after repeated 503s");
        LogLines.await(line -> "twenty_circuit_opened".equals(line.path("event").asText()));

        EmulatorControl.clearStats();
        long started = System.nanoTime();
        Response shed = given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person);
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(503, shed.statusCode(), shed.asString());
        assertTrue(Integer.parseInt(shed.header("Retry-After")) >= 1);
        assertTrue(ms < 50, "a person waited " + ms + " ms on an open circuit");
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a call went out while the circuit was open");
        Management.given().get("/q/health/ready").then().statusCode(503).body(containsString("circuit open"));

        CompletableFuture<Integer> background = client.list(TwentyCaller.system(Lane.BATCH, "test.batch"), "appeals",
                TwentyQuery.all()).map(page -> page.records().size()).subscribeAsCompletionStage().toCompletableFuture();
        Thread.sleep(300);
        assertFalse(background.isDone(), "background work should wait for the circuit, not fail or go out");

        EmulatorControl.clearFaults();
        assertTrue(background.get(10, TimeUnit.SECONDS) >= 0, "background work went on once the circuit closed");
        assertTrue(circuit.isClosed());
        LogLines.await(line -> "twenty_circuit_closed".equals(line.path("event").asText()));
        // The probe is the smallest read, with the service's key, on the lowest lane.
        assertEquals(Map.of("limit", "1"), EmulatorControl.lastQuery("GET", "/rest/people"));
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + person).then().statusCode(404);
        Management.given().get("/q/health/ready").then().statusCode(200);
        Management.given().get("/q/metrics").then().body(containsString("fundraising_twenty_circuit_opened_total"));
    }

    @Test
    void rateLimitsAndClientErrorsDoNotOpenIt() {
        EmulatorControl.fault(Map.of("path", "/rest/appeals.*", "mode", "error", "status", 400));
        for (int i = 0; i < 6; i++) {
            given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals/" + UUID.randomUUID()).then().statusCode(400);
        }
        assertTrue(circuit.isClosed(), "4xx answers are Twenty working, not Twenty down");
    }
}
