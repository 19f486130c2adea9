package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** FUNDRAISING_ENABLE_GIFT_STAGING=false (spec §2.2): the staging routes answer 503, gifts are created directly. */
@QuarkusTest
@TestProfile(StagingDisabledTest.Disabled.class)
class StagingDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.enable-gift-staging", "false");
        }
    }

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void stagingRoutesAre503() {
        String id = UUID.randomUUID().toString();
        api().get(STAGING).then().statusCode(503).body("message", equalTo("Gift staging is disabled"));
        api().get(STAGING + "/" + id).then().statusCode(503);
        api().body(gift(contact("Ada", "Lovelace", null), false)).post(STAGING).then().statusCode(503);
        api().body(Map.of("processingStatus", "pending")).patch(STAGING + "/" + id + "/status").then().statusCode(503);
        api().post(STAGING + "/" + id + "/process").then().statusCode(503);
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void giftsAreCreatedDirectlyAndAnAmbiguousDonorIsRefusedNotGuessed() {
        api().body(gift(contact("Ada", "Lovelace", "ada@example.org"), false)).post(GIFTS).then().statusCode(200)
                .body("data.createGift.amount.amountMicros", equalTo(15_500_000));
        assertEquals(Map.of("GET /rest/people", 1L, "POST /rest/people", 1L, "POST /rest/gifts", 1L), EmulatorControl.callsByRoute());
        assertEquals(0, EmulatorControl.records("giftStagings"));

        person("Grace", "Hopper", "grace@example.org", List.of());
        person("Grace", "Hopper", "admiral@example.org", List.of());
        // Nobody has looked at the namesakes (autoProcess: true would say the caller had, and create the donor).
        api().body(gift(contact("Grace", "Hopper", null), false)).post(GIFTS).then().statusCode(422)
                .body("details.size()", equalTo(2));
        assertEquals(1, EmulatorControl.records("gifts"));
    }
}
