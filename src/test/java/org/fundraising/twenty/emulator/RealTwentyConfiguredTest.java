package org.fundraising.twenty.emulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.Management;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** A real Twenty URL (here one that refuses connections): the emulator and its sign-in page are off. */
@QuarkusTest
@TestProfile(RealTwentyConfiguredTest.RealTwenty.class)
class RealTwentyConfiguredTest {

    public static class RealTwenty implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("twenty.api-base-url", "http://127.0.0.1:9/rest", "twenty.api-key", "k");
        }
    }

    @Test
    void theEmulatorIsOffAndReadinessReportsTwentyDown() {
        given().auth().oauth2("k").get(EmulatorControl.REST + "/people").then().statusCode(404)
                .body("statusCode", equalTo(404));
        given().get("/twenty-emulator/_stats").then().statusCode(404);
        given().get("/welcome").then().statusCode(404);
        Management.given().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'twenty' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'twenty' }.data.reason",
                        startsWith("Twenty unreachable at http://127.0.0.1:9/rest"))
                .body("checks.find { it.name == 'operational-store' }.status", equalTo("UP"));
    }

    @Test
    void anUnreachableTwentyIsA503WithRetryAfter() {
        given().auth().oauth2("k").get("/api/fundraising/test-probe/people").then().statusCode(503)
                .header("Retry-After", "5")
                .body("message", org.hamcrest.Matchers.startsWith("Twenty API unavailable"));
    }
}
