package org.fundraising.platform.store;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.Management;
import org.fundraising.support.RedisTestResource;
import org.fundraising.twenty.RateBudget;
import org.fundraising.twenty.RedisRateBudget;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** With FUNDRAISING_REDIS_URL set, the service keeps its state and its Twenty budget in Redis. */
@QuarkusTest
@QuarkusTestResource(value = RedisTestResource.class, restrictToAnnotatedClass = true)
class RedisBackedServiceTest {

    @Inject
    OperationalStore store;
    @Inject
    RateBudget budget;

    @Test
    void storeAndGateBudgetLiveInRedis() {
        assertInstanceOf(RedisStore.class, store);
        assertInstanceOf(RedisRateBudget.class, budget);
        Management.given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'operational-store' }.data.kind", equalTo("redis"));
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + java.util.UUID.randomUUID())
                .then().statusCode(404);
        given().auth().oauth2(org.fundraising.support.EmulatorControl.KEY).get("/api/fundraising/ops/rate-budget").then().statusCode(200)
                .body("burst", equalTo(100));
    }
}
