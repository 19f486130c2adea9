package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Finding 3: {@code amountMicros: 18446744073709551617} was stored as 1 micro, a count of 1e30 as a wrapped long,
 * goals with seven decimals rounded, and three inputs ended in 500s. One money reader now serves every route:
 * exact, in range, never rounded or wrapped; anything else is a 400 and nothing is written.
 */
@QuarkusTest
class MoneyWrapTest {

    private static final String WRAPS_TO_ONE = "18446744073709551617";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void amountsPastTheRangeAreRefusedOnEveryRouteNotWrapped() {
        api().body("{\"contactId\":\"" + UUID.randomUUID() + "\",\"amount\":{\"amountMicros\":" + WRAPS_TO_ONE
                        + ",\"currencyCode\":\"GBP\"},\"status\":\"active\",\"cadence\":\"monthly\",\"startDate\":\"2026-01-01\"}")
                .post("/api/fundraising/recurring-agreements").then().statusCode(400)
                .body("details.field", hasItem("amount"));
        api().body("{\"name\":\"P\",\"depositGrossAmount\":{\"amountMicros\":" + WRAPS_TO_ONE + ",\"currencyCode\":\"GBP\"}}")
                .post("/api/fundraising/gift-payouts").then().statusCode(400)
                .body("details.field", hasItem("depositGrossAmount"));
        api().body("{\"name\":\"A\",\"goalAmount\":{\"amountMicros\":" + WRAPS_TO_ONE + "}}")
                .post("/api/fundraising/appeals").then().statusCode(400).body("details.field", hasItem("goalAmount"));
        api().body("{\"amount\":{\"amountMicros\":" + WRAPS_TO_ONE + ",\"currencyCode\":\"GBP\"},"
                        + "\"contact\":{\"firstName\":\"A\",\"lastName\":\"B\"}}")
                .post("/api/fundraising/gifts").then().statusCode(400).body("details.field", hasItem("amount.amountMicros"));
        assertEquals(0, EmulatorControl.records("recurringAgreements") + EmulatorControl.records("giftPayouts")
                + EmulatorControl.records("appeals") + EmulatorControl.records("gifts") + EmulatorControl.records("giftStagings"));
    }

    @Test
    void theCeilingIsTheLargestAmountTwentyKeepsExactly() {
        String max = "9007199254740991";
        String id = api().body("{\"name\":\"A\",\"goalAmount\":{\"amountMicros\":" + max + ",\"currencyCode\":\"GBP\"}}")
                .post("/api/fundraising/appeals").then().statusCode(200).extract().path("data.createAppeal.id");
        assertEquals(max, EmulatorControl.get("appeals", id).getString("data.appeal.goalAmount.amountMicros"));
        api().body("{\"name\":\"A\",\"goalAmount\":{\"amountMicros\":9007199254740992}}")
                .post("/api/fundraising/appeals").then().statusCode(400).body("message", containsString("at most"));
    }

    @Test
    void countsAreBoundedNotWrapped() {
        api().body("{\"name\":\"A\",\"targetSolicitedCount\":1e30}").post("/api/fundraising/appeals").then().statusCode(400)
                .body("details.field", hasItem("targetSolicitedCount"));
        api().body("{\"name\":\"P\",\"expectedItemCount\":" + WRAPS_TO_ONE + "}").post("/api/fundraising/gift-payouts")
                .then().statusCode(400).body("details.field", hasItem("expectedItemCount"));
        String appeal = api().body("{\"name\":\"A\"}").post("/api/fundraising/appeals").then().statusCode(200)
                .extract().path("data.createAppeal.id");
        api().body("{\"countSolicited\":\"1e30\"}").post("/api/fundraising/appeals/" + appeal + "/solicitation-snapshots")
                .then().statusCode(400).body("details.field", hasItem("countSolicited"));
        assertEquals(0, EmulatorControl.records("solicitationSnapshots"));
    }

    @Test
    void goalsAreExactNeverRounded() {
        api().body("{\"name\":\"A\",\"goalAmount\":\"12.1234567\"}").post("/api/fundraising/appeals").then().statusCode(400)
                .body("details[0].message", equalTo("must have at most 6 decimals"));
        String id = api().body("{\"name\":\"A\",\"goalAmount\":\"12.123456\"}").post("/api/fundraising/appeals")
                .then().statusCode(200).extract().path("data.createAppeal.id");
        assertEquals("12123456", EmulatorControl.get("appeals", id).getString("data.appeal.goalAmount.amountMicros"));
    }

    @Test
    void whatUsedToEndIn500sIsA400OrWorks() {
        api().body("{\"name\":\"A\",\"goalAmount\":1e30}").post("/api/fundraising/appeals").then().statusCode(400)
                .body("details.field", hasItem("goalAmount"));
        // An unknown field is dropped, as the original did; its value must not break the Idempotency-Key fingerprint.
        api().header("Idempotency-Key", "wrap-" + UUID.randomUUID())
                .body("{\"zzNote\":1e400,\"amount\":{\"amountMicros\":1000000,\"currencyCode\":\"GBP\"},"
                        + "\"contact\":{\"firstName\":\"Ada\",\"lastName\":\"Byron\"}}")
                .post("/api/fundraising/gifts").then().statusCode(200);
        given().contentType(ContentType.URLENC).formParam("redirect", "/fundraising/a b").redirects().follow(false)
                .post("/welcome").then().statusCode(303).header("Location", containsString("/fundraising/"));
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }
}
