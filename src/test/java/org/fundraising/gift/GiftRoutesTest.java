package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
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
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The gift record routes (original-system §1.2) with native list parameters and errors that say what happened. */
@QuarkusTest
class GiftRoutesTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void theReconciliationScreensListIsNative() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        String payout = EmulatorControl.create("giftPayouts", Map.of("payoutReference", "PO-1"));
        Map<String, Object> body = gift(null, true);
        body.put("contactId", ada);
        body.put("giftPayoutId", payout);
        String linked = api().body(body).post(GIFTS).then().statusCode(200).extract().path("data.createGift.id");
        body.remove("giftPayoutId");
        api().body(body).post(GIFTS).then().statusCode(200);
        api().queryParam("giftPayoutId", payout).queryParam("limit", "200").queryParam("sort", "giftDate:desc").get(GIFTS)
                .then().statusCode(200).body("data.gifts.id", equalTo(List.of(linked))).body("meta.hasMore", equalTo(false))
                .body("totalCount", equalTo(1));
        assertEquals(Map.of("filter", "giftPayoutId[eq]:\"" + payout + "\"", "order_by", "giftDate[DescNullsLast]",
                "limit", "60", "depth", "0"), EmulatorControl.lastQuery("GET", "/rest/gifts"));
        api().queryParam("contactId", ada).queryParam("intakeSources", "manual_ui").queryParam("search", "gbp").get(GIFTS)
                .then().statusCode(200).body("data.gifts.size()", equalTo(2));
        assertEquals("and(donorId[eq]:\"" + ada + "\",intakeSource[in]:[\"manual_ui\"],or(name[ilike]:\"%gbp%\","
                        + "donorFirstName[ilike]:\"%gbp%\",donorLastName[ilike]:\"%gbp%\",donorEmail[ilike]:\"%gbp%\","
                        + "externalId[ilike]:\"%gbp%\"))",
                EmulatorControl.lastQuery("GET", "/rest/gifts").get("filter"));
        api().queryParam("giftPayoutId", "PO-1").get(GIFTS).then().statusCode(400).body("details[0].field", equalTo("giftPayoutId"));
    }

    @Test
    void aSearchForAWildcardCharacterLooksForThatCharacter() {
        EmulatorControl.create("gifts", Map.of("name", "Cheque", "externalId", "A_1"));
        EmulatorControl.create("gifts", Map.of("name", "Cheque", "externalId", "AB1"));
        EmulatorControl.create("gifts", Map.of("name", "Cheque", "externalId", "50% match"));
        api().queryParam("search", "A_1").get(GIFTS).then().statusCode(200).body("data.gifts.externalId", equalTo(List.of("A_1")));
        api().queryParam("search", "%").get(GIFTS).then().statusCode(200)
                .body("data.gifts.externalId", equalTo(List.of("50% match")));
    }

    @Test
    void twentyRateLimitedIs503AndTwentyDownIs502NotANotFound() {
        String id = api().body(gift(contact("Ada", "Lovelace", null), false)).post(STAGING).then().statusCode(201)
                .extract().path("data.giftStaging.id");
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings/.*", "method", "GET", "mode", "rate_limit", "retryAfterSeconds", 1));
        api().get(STAGING + "/" + id).then().statusCode(503).header("Retry-After", notNullValue())
                .body("message", equalTo("Twenty API rate limited"));
        EmulatorControl.clearFaults();
        EmulatorControl.fault(Map.of("path", "/rest/giftStagings/.*", "method", "GET", "mode", "error", "status", 500));
        api().get(STAGING + "/" + id).then().statusCode(502);
        EmulatorControl.clearFaults();
        api().get(STAGING + "/" + id).then().statusCode(200);
        api().get(GIFTS + "/" + UUID.randomUUID()).then().statusCode(404).body("message", org.hamcrest.Matchers.containsString("not found"));
        api().delete(GIFTS + "/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void aGiftIsUpdatedWithCheckedFields() {
        String id = api().body(gift(contact("Ada", "Lovelace", null), true)).post(GIFTS).then().statusCode(200)
                .extract().path("data.createGift.id");
        api().body(Map.of("name", "Renamed gift", "receiptStatus", "sent", "amount", Map.of("amountMicros", 1_000_000, "currencyCode", "eur")))
                .patch(GIFTS + "/" + id).then().statusCode(200)
                .body("data.updateGift.name", equalTo("Renamed gift"))
                .body("data.updateGift.amount.currencyCode", equalTo("EUR"));
        api().queryParam("depth", "1").get(GIFTS + "/" + id).then().statusCode(200)
                .body("data.gift.donor.name.lastName", equalTo("Lovelace"));
    }
}
