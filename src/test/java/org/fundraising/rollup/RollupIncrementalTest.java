package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.fundraising.support.RollupProfile;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyWebhooks;
import org.fundraising.webhook.Signatures;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.money;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Totals follow gifts as they change, whoever changes them: gifts posted through the service, and edits, moves,
 * deletes and restores made straight in Twenty (its signed webhooks), refunds and gifts in kind. At the end a full
 * rebuild's dry run finds nothing to change: incremental and full agree.
 */
@QuarkusTest
@TestProfile(RollupProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollupIncrementalTest {

    static final String RECEIVER = "/api/fundraising/webhooks/twenty";
    static final String SECRET = "twenty_test_secret";

    @Inject
    TwentyWebhooks webhooks;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    @Order(1)
    void theGiftWebhookIsRegisteredOnceAtStartAndAgainFindsIt() {
        String target = "http://localhost:" + port + RECEIVER;
        await("the webhook registered at start", () -> registrations().equals(List.of(target)));
        TwentyWebhooks.Registration again = webhooks.ensure(TwentyCaller.system(Lane.INTERACTIVE, "test"), target, SECRET,
                TwentyWebhooks.GIFT_OPERATIONS).await().atMost(Duration.ofSeconds(10));
        assertFalse(again.created());
        assertEquals(List.of(target), registrations());
    }

    @Test
    @Order(2)
    void unsignedStaleOrWronglySignedDeliveriesAreRefused() {
        String body = "{\"eventName\":\"gift.created\",\"record\":{\"id\":\"3f0b0000-0000-4000-8000-000000000001\"}}";
        long now = System.currentTimeMillis();
        given().contentType("application/json").body(body).post(RECEIVER).then().statusCode(401);
        deliver(body, now, "wrong_secret").then().statusCode(401);
        deliver(body, now - 301_000, SECRET).then().statusCode(401);
        deliver(body.replace("created", "updated"), now, SECRET, sign(body, now, SECRET)).then().statusCode(401);
        deliver("{\"record\":{}}", now, SECRET).then().statusCode(400);
        deliver("{\"eventName\":\"person.updated\",\"record\":{}}", now, SECRET).then().statusCode(204);
    }

    @Test
    @Order(3)
    void totalsFollowGiftsWhoeverChangesThem() throws Exception {
        List<String> people = adaAndBenWithTheWebhook();
        String ada = people.get(0);
        String ben = people.get(1);
        String appeal = EmulatorControl.create("appeals", Map.of("name", "Winter"));
        String first = post(ada, appeal, 10_000_000);
        String second = post(ada, appeal, 20_000_000);
        String third = post(ada, null, 40_000_000);
        awaitLifetime("people", ada, 70_000_000, 3);
        awaitLifetime("appeals", appeal, 30_000_000, 2);
        // Each create is seen twice, as the service's own write and as Twenty's echo of it, in either order; whichever
        // comes second finds the facts it already has, so each gift's parents (2 + 2 + 1) are queued once.
        assertEquals(5, LogLines.parsed().stream().filter(line -> "rollup_parents_queued".equals(line.path("event").asText()))
                .mapToInt(line -> line.path("parents").asInt()).sum());

        // A person in Twenty moves the first gift to Ben, deletes the second, then restores it.
        EmulatorControl.control().contentType("application/json").body(Map.of("donorId", ben))
                .patch(EmulatorControl.REST + "/gifts/" + first).then().statusCode(200);
        awaitLifetime("people", ben, 10_000_000, 1);
        awaitLifetime("people", ada, 60_000_000, 2);
        EmulatorControl.control().delete(EmulatorControl.REST + "/gifts/" + second + "?soft_delete=true").then().statusCode(200);
        awaitLifetime("appeals", appeal, 10_000_000, 1);
        awaitLifetime("people", ada, 40_000_000, 1);
        EmulatorControl.control().patch(EmulatorControl.REST + "/gifts/" + second + "/restore").then().statusCode(200);
        awaitLifetime("people", ada, 60_000_000, 2);
        // A refund through the service, then the third gift marked in kind in Twenty, and a gift entered there.
        api().body(Map.of("amount", money(15_000_000, "GBP"), "date", "2026-11-25", "note", "returned"))
                .post(GIFTS + "/" + third + "/refunds").then().statusCode(201);
        awaitLifetime("people", ada, 45_000_000, 2);
        EmulatorControl.control().contentType("application/json").body(Map.of("isInKind", true))
                .patch(EmulatorControl.REST + "/gifts/" + third).then().statusCode(200);
        awaitLifetime("people", ada, 20_000_000, 1);
        EmulatorControl.create("gifts", Map.of("donorId", ben, "appealId", appeal, "amount", money(5_000_000, "GBP"),
                "giftDate", "2026-11-21"));
        awaitLifetime("people", ben, 15_000_000, 2);
        awaitLifetime("appeals", appeal, 35_000_000, 3);
        assertEquals(2, EmulatorControl.get("appeals", appeal).getInt("data.appeal.donorCount"));

        JsonPath dry = RollupRebuildTest.rebuild(Map.of("dryRun", true));
        assertEquals(Map.of("person", 0, "household", 0, "company", 0, "appeal", 0, "opportunity", 0), dry.getMap("changed"),
                "a full rebuild finds what the incremental recomputes wrote");
    }

    @Test
    @Order(4)
    void aReplayedOrLateDeliveryNeverMovesTotalsBack() throws Exception {
        List<String> people = adaAndBenWithTheWebhook();
        String ada = people.get(0);
        String ben = people.get(1);
        String gift = post(ada, null, 11_000_000);
        awaitLifetime("people", ada, 11_000_000, 1);
        // The gift as it was, delivered signed: kept to be sent again once Twenty has moved on.
        String asRead = EmulatorControl.control().get(EmulatorControl.REST + "/gifts/" + gift).then().extract().asString();
        String late = "{\"eventName\":\"gift.updated\",\"record\":" + new ObjectMapper().readTree(asRead)
                .path("data").path("gift") + "}";
        long sent = System.currentTimeMillis();
        String signature = sign(late, sent, SECRET);

        // A person in Twenty moves it to Ben, then deletes it.
        EmulatorControl.control().contentType("application/json").body(Map.of("donorId", ben))
                .patch(EmulatorControl.REST + "/gifts/" + gift).then().statusCode(200);
        awaitLifetime("people", ben, 11_000_000, 1);
        awaitLifetime("people", ada, 0, 0);
        EmulatorControl.control().delete(EmulatorControl.REST + "/gifts/" + gift + "?soft_delete=true").then().statusCode(200);
        awaitLifetime("people", ben, 0, 0);

        // The earlier state delivered late (Twenty may deliver out of order), then the same delivery replayed.
        String requestId = "late-" + java.util.UUID.randomUUID();
        given().header("X-Request-Id", requestId).contentType("application/json").header("X-Twenty-Webhook-Timestamp",
                String.valueOf(sent)).header("X-Twenty-Webhook-Signature", signature).body(late).post(RECEIVER)
                .then().statusCode(204);
        JsonNode taken = LogLines.await(line -> requestId.equals(line.path("requestId").asText())
                && "twenty_webhook_accepted".equals(line.path("event").asText()));
        assertEquals(0, taken.path("parentsQueued").asInt(), "older facts than those kept moved totals: " + taken);
        String replayId = "replay-" + java.util.UUID.randomUUID();
        given().header("X-Request-Id", replayId).contentType("application/json").header("X-Twenty-Webhook-Timestamp",
                String.valueOf(sent)).header("X-Twenty-Webhook-Signature", signature).body(late).post(RECEIVER)
                .then().statusCode(204);
        LogLines.await(line -> replayId.equals(line.path("requestId").asText())
                && "twenty_webhook_duplicate".equals(line.path("event").asText()));
        JsonPath dry = RollupRebuildTest.rebuild(Map.of("dryRun", true));
        assertEquals(0, dry.getInt("changed.person"), "a rebuild finds every person's totals true: " + dry.prettify());
    }

    /** An empty workspace whose gift changes reach this service, and two donors: Ada and Ben. */
    private List<String> adaAndBenWithTheWebhook() {
        EmulatorControl.reset();
        webhooks.ensure(TwentyCaller.system(Lane.INTERACTIVE, "test"), "http://localhost:" + port + RECEIVER, SECRET,
                TwentyWebhooks.GIFT_OPERATIONS).await().atMost(Duration.ofSeconds(10));
        return List.of(EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace"))),
                EmulatorControl.create("people", Map.of("name", Map.of("firstName", "Ben", "lastName", "Lovelace"))));
    }

    private String post(String donor, String appeal, long micros) {
        Map<String, Object> body = new HashMap<>(Map.of("contactId", donor, "amount", money(micros, "GBP"),
                "giftDate", "2026-11-20", "paymentMethod", "card", "autoProcess", true));
        if (appeal != null) {
            body.put("appealId", appeal);
        }
        return api().body(body).post(GIFTS).then().statusCode(200).extract().path("data.createGift.id");
    }

    private static void awaitLifetime(String plural, String id, long micros, int count) {
        String singular = plural.equals("people") ? "person" : plural.substring(0, plural.length() - 1);
        String amount = singular.equals("appeal") ? "raisedAmount" : "lifetimeGiftAmount";
        String counted = singular.equals("appeal") ? "giftCount" : "lifetimeGiftCount";
        await(singular + " " + id + " at " + micros + " over " + count + " gifts", () -> {
            JsonPath record = EmulatorControl.get(plural, id);
            Object stored = record.get("data." + singular + "." + amount + ".amountMicros");
            Object storedCount = record.get("data." + singular + "." + counted);
            return stored != null && ((Number) stored).longValue() == micros && storedCount != null
                    && ((Number) storedCount).intValue() == count;
        });
    }

    private static List<String> registrations() {
        return EmulatorControl.control().get(EmulatorControl.REST + "/metadata/webhooks").then().statusCode(200)
                .extract().jsonPath().getList("targetUrl");
    }

    private static void await(String what, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 20 s for " + what);
            }
            Thread.onSpinWait();
        }
    }

    private static Response deliver(String body, long timestamp, String secret) {
        return deliver(body, timestamp, secret, sign(body, timestamp, secret));
    }

    private static Response deliver(String body, long timestamp, String secret, String signature) {
        return given().contentType("application/json").header("X-Twenty-Webhook-Timestamp", String.valueOf(timestamp))
                .header("X-Twenty-Webhook-Signature", signature).body(body).post(RECEIVER);
    }

    private static String sign(String body, long timestamp, String secret) {
        return Signatures.twentySignature(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }
}
