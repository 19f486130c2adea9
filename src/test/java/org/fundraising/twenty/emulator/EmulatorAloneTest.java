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
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** FUNDRAISING_ROLE=twenty-emulator: only the emulator (on PORT), even with a Twenty URL set. */
@QuarkusTest
@TestProfile(EmulatorAloneTest.EmulatorOnly.class)
class EmulatorAloneTest {

    public static class EmulatorOnly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.role", "twenty-emulator", "twenty.api-base-url", "http://127.0.0.1:9/rest",
                    "twenty.api-key", "emulator-only-key");
        }
    }

    @Test
    void servesTheEmulatorWithTheConfiguredKeyAndNoFundraisingApi() {
        given().auth().oauth2("emulator-only-key").get(EmulatorControl.REST + "/people").then().statusCode(200);
        given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/people").then().statusCode(401);
        given().auth().oauth2("t").get("/api/fundraising/ops/rate-budget").then().statusCode(404);
        Management.given().get("/q/health/ready").then().statusCode(200);
    }
}
