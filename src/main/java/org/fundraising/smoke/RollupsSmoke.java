package org.fundraising.smoke;

import org.fundraising.smoke.SmokeClient.Answer;

import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Totals following gifts on a deployment: an appeal of the smoke's own gets two gifts (new donors) and its raised
 * amount and gift count follow them; a full refund of one and the deletion of the other take them back to zero.
 * The recomputes run on the gate's lowest lane, behind every person's call: the appeal is looked at only every
 * five seconds (each look is a Twenty call, and looking faster would itself hold the recompute back), for two
 * minutes at most.
 */
final class RollupsSmoke {

    private static final Duration SETTLED_WITHIN = Duration.ofMinutes(2);
    private static final Duration LOOK_EVERY = Duration.ofSeconds(5);

    private final SmokeClient api;
    private final SmokeChecks checks;

    RollupsSmoke(SmokeClient api, SmokeChecks checks) {
        this.api = api;
        this.checks = checks;
    }

    void run() throws IOException, InterruptedException {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Answer created = api.post("/appeals", Map.of("name", "Smoke rollups " + tag, "appealType", "email"));
        String appeal = created.body().path("data").path("createAppeal").path("id").asText();
        if (!checks.check("appeal created", created.status() == 200 && !appeal.isEmpty(), created)) {
            return;
        }
        String first = gift(appeal, 20_000_000, tag + "a");
        String second = gift(appeal, 5_000_000, tag + "b");
        if (!checks.check("two gifts posted to it", !first.isEmpty() && !second.isEmpty(), first + " " + second)) {
            return;
        }
        checks.check("its raised amount and gift count follow the gifts", totals(appeal, 25_000_000, 2), api.get("/appeals/" + appeal));
        Answer refund = api.post("/gifts/" + second + "/refunds", Map.of("amount", Map.of("amountMicros", 5_000_000,
                "currencyCode", "GBP"), "date", LocalDate.now().toString(), "note", "smoke rollups"));
        checks.check("a full refund of one gift is recorded", refund.status() == 201, refund);
        checks.check("a gift refunded in full no longer counts", totals(appeal, 20_000_000, 1), api.get("/appeals/" + appeal));
        Answer deleted = api.delete("/gifts/" + first);
        checks.check("the other gift is deleted", deleted.status() == 200, deleted);
        checks.check("an appeal left with no gifts is back to zero", totals(appeal, 0, 0), api.get("/appeals/" + appeal));
        api.delete("/gifts/" + second);
        api.delete("/appeals/" + appeal);
    }

    private String gift(String appeal, long micros, String tag) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("amountMicros", micros, "currencyCode", "GBP"));
        body.put("autoProcess", true);
        body.put("paymentMethod", "card");
        body.put("appealId", appeal);
        body.put("contact", Map.of("firstName", "Smoke", "lastName", "Rollup " + tag, "email", "smoke-rollup-" + tag + "@example.org"));
        body.put("donorDecision", "create");
        return api.post("/gifts", body).body().path("data").path("createGift").path("id").asText("");
    }

    /** True once the appeal holds {@code micros} raised over {@code count} gifts. */
    private boolean totals(String appeal, long micros, int count) {
        return SmokeClient.lookUntil(LOOK_EVERY, SETTLED_WITHIN, () -> api.get("/appeals/" + appeal).body().path("data").path("appeal"),
                record -> record.path("raisedAmount").path("amountMicros").asLong(-1) == micros
                        && record.path("giftCount").asLong(-1) == count).isPresent();
    }
}
