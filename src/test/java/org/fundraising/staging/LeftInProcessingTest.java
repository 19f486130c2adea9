package org.fundraising.staging;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.gift.GiftRecords;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.gift;
import static org.fundraising.support.Gifts.person;
import static org.fundraising.support.Gifts.with;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Rows left in {@code processing} are settled without anyone calling {@code /process}: one whose gift was posted
 * before its mark was lost is marked with that gift, one whose post never happened is posted, each once; a row
 * marked failed whose gift is in Twenty is marked processed (and its gift counted in its donor's totals), one without
 * its gift stays failed.
 */
@QuarkusTest
@TestProfile(LeftInProcessingTest.QuickRecovery.class)
class LeftInProcessingTest {

    public static class QuickRecovery implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Totals followed, with no Twenty webhooks: a gift reaches the totals only if this service announces it.
            return Map.of("fundraising.staging-recovery", "true", "fundraising.staging-processing-stale-ms", "1500",
                    "fundraising.rollup.incremental", "true");
        }
    }

    private String ada;

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
        ada = person("Ada", "Lovelace", "ada@example.org", List.of());
    }

    @Test
    void rowsLeftInProcessingAreSettledOnceInTheBackground() throws Exception {
        // A gift posted through POST /gifts whose row's mark then failed (a 400 on the row's PATCH): the answer is
        // the gift, and the row stays in processing.
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings/.*", "method", "PATCH", "mode", "error", "status", 400, "times", 1));
        String giftId = api().body(with(gift(null, true), "contactId", ada)).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.id");
        EmulatorControl.clearFaults();
        List<String> rows = api().get(STAGING + "?limit=10").then().statusCode(200).extract().path("data.id");
        assertEquals(1, rows.size());
        String posted = rows.get(0);
        assertEquals(GiftRecords.giftIdFor(posted), giftId);
        // Its instance died before posting: in processing, no gift.
        String interrupted = staged();
        api().body(Map.of("processingStatus", "processing")).patch(STAGING + "/" + interrupted + "/status").then().statusCode(200);
        // Marked failed although its gift is in Twenty (an error answered after an earlier try had stored it).
        String failedButPosted = staged();
        String grace = person("Grace", "Hopper", "grace@example.org", List.of());
        EmulatorControl.create("gifts", Map.of("id", GiftRecords.giftIdFor(failedButPosted), "donorId", grace,
                "amount", Map.of("amountMicros", 15_500_000, "currencyCode", "GBP")));
        api().body(Map.of("processingStatus", "process_failed")).patch(STAGING + "/" + failedButPosted + "/status").then().statusCode(200);
        // Failed for good (its gift was refused): left alone.
        String refused = staged();
        api().body(Map.of("processingStatus", "process_failed")).patch(STAGING + "/" + refused + "/status").then().statusCode(200);
        assertEquals("processing", status(posted));
        assertEquals("processing", status(interrupted));

        long deadline = System.currentTimeMillis() + 15_000;
        while ((!"processed".equals(status(posted)) || !"processed".equals(status(interrupted))
                || !"processed".equals(status(failedButPosted))) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals("processed", status(posted));
        assertEquals("processed", status(interrupted));
        assertEquals("processed", status(failedButPosted));
        assertEquals("process_failed", status(refused));
        assertEquals(3, EmulatorControl.records("gifts"), "each row's gift once");
        assertEquals(GiftRecords.giftIdFor(posted), EmulatorControl.get("giftStagings", posted).getString("data.giftStaging.giftId"));
        // Each donor's totals count her gifts; Grace's one gift was found in Twenty by the recovery, and nothing else
        // announced it.
        deadline = System.currentTimeMillis() + 15_000;
        while ((giftsCounted(ada) != 2 || giftsCounted(grace) != 1) && System.currentTimeMillis() < deadline) {
            Thread.sleep(250);
        }
        assertEquals(2, giftsCounted(ada), "gifts counted in Ada's totals");
        assertEquals(1, giftsCounted(grace), "gifts counted in Grace's totals");
    }

    private static int giftsCounted(String person) {
        Integer counted = EmulatorControl.get("people", person).get("data.person.lifetimeGiftCount");
        return counted == null ? 0 : counted;
    }

    private String staged() {
        return api().body(with(gift(null, false), "contactId", ada)).post(STAGING).then().statusCode(201)
                .extract().path("data.giftStaging.id");
    }

    private static String status(String id) {
        return EmulatorControl.get("giftStagings", id).getString("data.giftStaging.processingStatus");
    }
}
