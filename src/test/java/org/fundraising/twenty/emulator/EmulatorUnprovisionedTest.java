package org.fundraising.twenty.emulator;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/** FUNDRAISING_EMULATOR_PROVISION=false: a bare workspace for the schema command to fill. */
@QuarkusTest
@TestProfile(EmulatorUnprovisionedTest.Unprovisioned.class)
public class EmulatorUnprovisionedTest {

    public static class Unprovisioned implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.emulator.provision", "false");
        }
    }

    @Test
    void hasOnlyTwentysStandardObjects() {
        given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/gifts").then().statusCode(400)
                .body("messages[0]", equalTo("object 'gifts' not found. eg: companies"));
        given().auth().oauth2(EmulatorControl.KEY).get(EmulatorControl.REST + "/metadata/objects").then()
                .body("data.objects.nameSingular", hasItem("person"))
                .body("data.objects.nameSingular", not(hasItem("gift")));
    }
}
