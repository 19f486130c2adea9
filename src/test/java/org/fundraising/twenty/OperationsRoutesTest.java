package org.fundraising.twenty;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.Management;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
class OperationsRoutesTest {

    @Test
    void rateBudgetReportsTheGate() {
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/ops/rate-budget").then().statusCode(200)
                .body("ratePerMinute", equalTo(60000))
                .body("burst", equalTo(100))
                .body("tokensAvailable", notNullValue())
                .body("queueDepth.interactive", equalTo(0))
                .body("queueDepth.intake", equalTo(0))
                .body("queueDepth.batch", equalTo(0))
                .body("queueDepth.rollup", equalTo(0))
                .body("rateLimitedLastHour", notNullValue())
                .body("predictedDrainSeconds", notNullValue());
    }

    @Test
    void metricsCountTwentyCallsPerLaneAndContext() {
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/test-probe/people").then().statusCode(200);
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fundraising_twenty_calls_total{context=\"test.people\",lane=\"interactive\",method=\"GET\",outcome=\"200\"}"))
                .body(containsString("fundraising_twenty_gate_wait_seconds_count{context=\"test.people\",lane=\"interactive\"}"))
                .body(containsString("fundraising_twenty_gate_queue_depth{lane=\"batch\"}"));
    }

    @Test
    void retryAndRateLimitCountersExistAtZeroBeforeAnything() {
        Management.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fundraising_twenty_retries_total{context=\"none\",lane=\"rollup\",method=\"none\",outcome=\"none\"} 0.0"))
                .body(containsString("fundraising_twenty_rate_limited_total{context=\"none\",lane=\"interactive\",method=\"none\",outcome=\"none\"} 0.0"));
    }

    @Test
    void probesAndMetricsAnswerOnlyOnTheManagementPort() {
        for (String path : new String[]{"/q/metrics", "/q/health", "/q/health/live", "/q/health/ready"}) {
            given().get(path).then().statusCode(404).body("statusCode", equalTo(404));
            Management.given().get(path).then().statusCode(200);
        }
        given().get("/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }
}
