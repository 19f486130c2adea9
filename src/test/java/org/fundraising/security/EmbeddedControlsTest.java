package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding 6: whoever reached the port could wipe the embedded mode's data ({@code _reset}), read donors' emails
 * ({@code _requests}), break the service ({@code _faults}) and take the API key from {@code /welcome}. Now the
 * control routes need the emulator's key, and the embedded mode answers only this machine unless opened.
 */
@QuarkusTest
@TestProfile(BehindGateway.class)
class EmbeddedControlsTest {

    private static final String REMOTE = "198.51.100.23";

    @Test
    void controlRoutesNeedTheEmulatorsKey() {
        String id = EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Kept", "lastName", "Safe"),
                "emails", Map.of("primaryEmail", "kept-" + System.nanoTime() + "@example.org")));
        given().post("/twenty-emulator/_reset").then().statusCode(403).body("statusCode", equalTo(403));
        given().get("/twenty-emulator/_requests").then().statusCode(403).body(not(containsString("@example.org")));
        given().contentType(ContentType.JSON).body(Map.of("path", "/rest/people", "mode", "error"))
                .post("/twenty-emulator/_faults").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("ratePerMinute", 1)).post("/twenty-emulator/_throttle")
                .then().statusCode(403);
        given().get("/twenty-emulator/_stats").then().statusCode(403);
        given().auth().oauth2("guess").post("/twenty-emulator/_reset").then().statusCode(403);
        EmulatorControl.get("people", id);
        given().auth().oauth2(EmulatorControl.KEY).get("/twenty-emulator/rest/people/" + id).then().statusCode(200);
        EmulatorControl.stats();
    }

    @Test
    void aPageOnThisMachineUnderAnotherNameReachesNothing() {
        // DNS rebinding: a local browser on a page whose name now points at 127.0.0.1 sends that name as Host.
        given().header("Host", "attacker.test").auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals")
                .then().statusCode(403);
        given().header("Host", "attacker.test:4500").auth().oauth2(EmulatorControl.KEY).post("/twenty-emulator/_reset")
                .then().statusCode(403);
        given().header("Host", "attacker.test").auth().oauth2(EmulatorControl.KEY).get("/twenty-emulator/rest/people")
                .then().statusCode(403);
        given().header("Host", "attacker.test").get("/welcome").then().statusCode(403);
        // This machine's own names still work.
        for (String host : new String[] {"localhost", "127.0.0.1:4500", "[::1]:4500", "LOCALHOST."}) {
            given().header("Host", host).auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals").then().statusCode(200);
        }
    }

    @Test
    void redirectsStayOnTheHostTheBrowserIsOn() {
        given().header("Host", "evil.example").redirects().follow(false).get("/fundraising/").then().statusCode(302)
                .header("Location", org.hamcrest.Matchers.startsWith("/welcome?redirect="));
        given().contentType(ContentType.URLENC).formParam("redirect", "/fundraising/").redirects().follow(false)
                .post("/welcome").then().statusCode(303).header("Location", equalTo("/fundraising/"));
    }

    @Test
    void otherMachinesReachNothingOfTheEmbeddedMode() {
        given().header(BehindGateway.FORWARDED, REMOTE).auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals")
                .then().statusCode(403).body("message", containsString("FUNDRAISING_EMULATOR_REMOTE_ACCESS"));
        given().header(BehindGateway.FORWARDED, REMOTE).auth().oauth2(EmulatorControl.KEY).get("/twenty-emulator/rest/people")
                .then().statusCode(403);
        given().header(BehindGateway.FORWARDED, REMOTE).auth().oauth2(EmulatorControl.KEY).post("/twenty-emulator/_reset")
                .then().statusCode(403);
        given().header(BehindGateway.FORWARDED, REMOTE).get("/welcome").then().statusCode(403);
        given().header(BehindGateway.FORWARDED, REMOTE).contentType(ContentType.URLENC).formParam("redirect", "/fundraising/")
                .redirects().follow(false).post("/welcome").then().statusCode(403).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        // Health stays open to everyone: probes come from other machines.
        given().header(BehindGateway.FORWARDED, REMOTE).get("/health").then().statusCode(200);
    }

    @Test
    void thisMachineStillSignsInAndWorks() {
        given().get("/welcome").then().statusCode(200);
        String cookie = given().contentType(ContentType.URLENC).formParam("redirect", "/fundraising/").redirects().follow(false)
                .post("/welcome").then().statusCode(303).extract().header("Set-Cookie");
        assertEquals(true, cookie.startsWith("tokenPair="));
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals").then().statusCode(200);
    }

    @Test
    void startUpSaysTheEmbeddedModeIsLocalOnly() throws Exception {
        LogLines.await(line -> "twenty_emulator_local_only".equals(line.path("event").asText()));
    }
}
