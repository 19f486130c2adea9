package org.fundraising.platform;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.Management;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests refused before their route matched are counted under the route, so made-up ids cannot crowd it out. */
@QuarkusTest
class RequestMetricTagsTest {

    @Test
    void pathsBecomeTemplates() {
        assertEquals("/api/fundraising/gift-batches/{id}/process",
                RequestMetricTags.template("/api/fundraising/gift-batches/" + UUID.randomUUID() + "/process"));
        assertEquals("/api/fundraising/gifts/{batchId}", RequestMetricTags.template("/api/fundraising/gifts/{batchId}"));
        assertEquals("/api/fundraising/appeals", RequestMetricTags.template("/api/fundraising/appeals"));
        assertEquals("/x/{id}/{id}", RequestMetricTags.template("/x/%zz/12345"));
    }

    @Test
    void aFloodOfMadeUpIdsLeavesRealRoutesTheirMetrics() {
        for (int i = 0; i < 150; i++) {
            given().contentType("text/plain").body("x")
                    .post("/api/fundraising/gift-batches/" + UUID.randomUUID() + "/process").then().statusCode(org.hamcrest.Matchers.lessThan(500));
        }
        given().get("/health").then().statusCode(200);
        String metrics = Management.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertFalse(metrics.matches("(?s).*uri=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-[^\"]*\".*"), "a raw id became a tag");
        assertTrue(metrics.contains("uri=\"/health\""), "a real route lost its request metrics");
    }
}
