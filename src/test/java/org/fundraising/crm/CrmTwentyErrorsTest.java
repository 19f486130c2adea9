package org.fundraising.crm;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

/** Every CRM read route tells a rate-limited or failing Twenty apart, in the common error shape. */
@QuarkusTest
class CrmTwentyErrorsTest {

    private static final String ID = "3f0b5b1c-0000-4000-8000-000000000001";

    @BeforeEach
    @AfterEach
    void clean() {
        EmulatorControl.reset();
    }

    @ParameterizedTest
    @CsvSource({
            "/api/fundraising/recurring-agreements, /rest/recurringAgreements",
            "/api/fundraising/gift-payouts, /rest/giftPayouts",
            "/api/fundraising/appeals, /rest/appeals",
            "/api/fundraising/appeals/" + ID + "/solicitation-snapshots, /rest/solicitationSnapshots",
            "/api/fundraising/households, /rest/households",
            "/api/fundraising/households/" + ID + "/members, /rest/people",
            "/api/fundraising/companies/search, /rest/companies",
            "/api/fundraising/opportunities/search, /rest/opportunities",
            "/api/fundraising/recurring-agreements/" + ID + ", /rest/recurringAgreements/.*",
            "/api/fundraising/households/" + ID + ", /rest/households/.*"
    })
    void rateLimitedIs503WithRetryAfterAndServerErrorsAre502(String route, String twentyPath) {
        EmulatorControl.fault(Map.of("path", twentyPath, "mode", "rate_limit", "retryAfterSeconds", 0));
        given().auth().oauth2(EmulatorControl.KEY).get(route).then().statusCode(503)
                .header("Retry-After", notNullValue())
                .body("statusCode", equalTo(503)).body("message", equalTo("Twenty API rate limited"))
                .body("requestId", notNullValue());
        EmulatorControl.reset();
        EmulatorControl.fault(Map.of("path", twentyPath, "mode", "error", "status", 500));
        given().auth().oauth2(EmulatorControl.KEY).get(route).then().statusCode(502)
                .body("statusCode", equalTo(502)).body("message", startsWith("Twenty API error (500)"));
    }
}
