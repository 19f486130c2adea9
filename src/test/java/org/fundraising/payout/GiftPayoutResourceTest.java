package org.fundraising.payout;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class GiftPayoutResourceTest {

    private static final String ROUTE = "/api/fundraising/gift-payouts";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    private String payout(String reference, String status) {
        return api().body(Map.of("payoutReference", reference, "sourceSystem", "stripe", "status", status,
                        "depositDate", "2026-11-20", "depositGrossAmount", Map.of("amountMicros", 150_000_000, "currencyCode", "GBP"),
                        "depositFeeAmount", Map.of("amountMicros", 0, "currencyCode", "GBP")))
                .post(ROUTE).then().statusCode(201).extract().path("data.createGiftPayout.id");
    }

    private List<String> gifts(int count) {
        List<String> ids = new ArrayList<>();
        for (int start = 0; start < count; start += 60) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(count, start + 60); i++) {
                batch.add(Map.of("amount", Map.of("amountMicros", 1_000_000, "currencyCode", "GBP")));
            }
            ids.addAll(api().body(batch).post(EmulatorControl.REST + "/batch/gifts").then().statusCode(201)
                    .extract().path("data.createGifts.id"));
        }
        return ids;
    }

    @Test
    void createsAndValidates() {
        payout("PO-1", "pending");
        api().body(Map.of("status", "lost", "depositDate", "20/11/2026")).post(ROUTE).then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("status", "depositDate"));
        assertEquals(1, EmulatorControl.calls("POST /rest/giftPayouts"));
    }

    @Test
    void listsWithNativeFilters() {
        payout("PO-100", "pending");
        payout("PO-200", "reconciled");
        payout("XX-300", "pending");
        api().queryParam("statuses", "pending").queryParam("search", "po-").queryParam("sort", "depositDate:asc")
                .get(ROUTE).then().statusCode(200)
                .body("data.giftPayouts", hasSize(1)).body("data.giftPayouts[0].payoutReference", equalTo("PO-100"));
        assertEquals(Map.of("filter", "and(status[in]:[\"pending\"],or(payoutReference[ilike]:\"%po-%\",note[ilike]:\"%po-%\"))",
                        "order_by", "depositDate[AscNullsFirst]", "limit", "50", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/giftPayouts"));
        api().queryParam("sort", "colour:asc").get(ROUTE).then().statusCode(400);
    }

    @Test
    void linksAndUnlinksInOneCallPer60GiftsAndReportsUnknownIds() {
        String payout = payout("PO-1", "pending");
        List<String> gifts = gifts(130);
        String stranger = UUID.randomUUID().toString();
        List<String> requested = new ArrayList<>(gifts);
        requested.add(stranger);
        requested.add(gifts.get(0));
        api().body(Map.of("giftIds", requested)).post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(201)
                .body("linkedGiftIds", hasSize(130)).body("unknownGiftIds", equalTo(List.of(stranger)));
        assertEquals(3, EmulatorControl.calls("PATCH /rest/gifts"), "131 distinct ids → 3 calls of ≤ 60");
        api().queryParam("filter", "giftPayoutId[eq]:" + payout).get(EmulatorControl.REST + "/gifts").then()
                .body("totalCount", equalTo(130));

        String other = payout("PO-2", "pending");
        api().body(Map.of("giftIds", List.of(gifts.get(0), gifts.get(1)))).post(ROUTE + "/" + other + "/gifts/unlink")
                .then().statusCode(201).body("unlinkedGiftIds", hasSize(0)).body("unknownGiftIds", hasSize(2));
        api().body(Map.of("giftIds", List.of(gifts.get(0), gifts.get(1)))).post(ROUTE + "/" + payout + "/gifts/unlink")
                .then().statusCode(201).body("unlinkedGiftIds", equalTo(List.of(gifts.get(0), gifts.get(1))))
                .body("unknownGiftIds", hasSize(0));
        api().queryParam("filter", "giftPayoutId[eq]:" + payout).get(EmulatorControl.REST + "/gifts").then()
                .body("totalCount", equalTo(128));
    }

    @Test
    void badLinkRequestsSpendNoTwentyCalls() {
        String payout = payout("PO-1", "pending");
        long before = EmulatorControl.stats().getLong("calls");
        api().body(Map.of("giftIds", List.of())).post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(400);
        api().body(Map.of("giftIds", List.of("x"))).post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(400)
                .body("details[0].field", equalTo("giftIds[0]"));
        api().body(Map.of()).post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(400)
                .body("details[0].field", equalTo("giftIds")).body("details[0].message", equalTo("is required"));
        api().body(Map.of("giftIds", List.of())).post(ROUTE + "/" + payout + "/gifts/unlink").then().statusCode(400)
                .body("message", equalTo("giftIds must hold 1 to 10000 gift ids"));
        api().body(Map.of("giftIds", "x")).post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(400)
                .body("details[0].field", equalTo("giftIds"));
        api().contentType("application/json").post(ROUTE + "/" + payout + "/gifts/link").then().statusCode(400)
                .body("details[0].field", equalTo("body"));
        assertEquals(before, EmulatorControl.stats().getLong("calls"));
        api().body(Map.of("giftIds", List.of(UUID.randomUUID().toString())))
                .post(ROUTE + "/" + UUID.randomUUID() + "/gifts/link").then().statusCode(404);
        assertEquals(0, EmulatorControl.calls("PATCH /rest/gifts"));
    }

    @Test
    void getAndUpdate() {
        String payout = payout("PO-1", "pending");
        api().get(ROUTE + "/" + payout).then().statusCode(200).body("data.giftPayout.payoutReference", equalTo("PO-1"));
        api().body(Map.of("status", "reconciled", "confirmedAt", "2026-11-24T10:00:00Z")).patch(ROUTE + "/" + payout)
                .then().statusCode(200).body("data.updateGiftPayout.status", equalTo("reconciled"));
        api().get(ROUTE + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
