package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class GiftRefundTest {

    private String gift;

    @BeforeEach
    void aChequeGiftOf50Pounds() {
        EmulatorControl.reset();
        gift = EmulatorControl.create("gifts", Map.of("name", "Cheque", "giftDate", "2026-11-02", "paymentMethod", "cheque",
                "amount", Map.of("amountMicros", 50_000_000, "currencyCode", "GBP")));
        EmulatorControl.clearStats();
    }

    private static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    private static Map<String, Object> refund(long micros, String currency, String date) {
        return Map.of("amount", Map.of("amountMicros", micros, "currencyCode", currency), "date", date, "note", "returned cheque");
    }

    @Test
    void refundsAddUpOnTheGiftWhoseAmountNeverChanges() {
        api().body(refund(20_000_000, "GBP", "2026-11-10")).post("/api/fundraising/gifts/" + gift + "/refunds").then().statusCode(201)
                .body("data.gift.refundedAmount.amountMicros", equalTo(20_000_000))
                .body("data.gift.refundStatus", equalTo("PARTIALLY_REFUNDED"))
                .body("data.gift.refundDate", equalTo("2026-11-10"))
                .body("data.gift.refundNote", equalTo("returned cheque"))
                .body("data.gift.amount.amountMicros", equalTo(50_000_000));
        assertEquals(2, EmulatorControl.stats().getLong("calls"), "read the gift, write it");
        api().body(refund(30_000_000, "gbp", "2026-11-12")).post("/api/fundraising/gifts/" + gift + "/refunds").then().statusCode(201)
                .body("data.gift.refundedAmount.amountMicros", equalTo(50_000_000))
                .body("data.gift.refundStatus", equalTo("FULLY_REFUNDED"));
        api().body(refund(1, "GBP", "2026-11-13")).post("/api/fundraising/gifts/" + gift + "/refunds").then().statusCode(400)
                .body("details[0].field", equalTo("amount"))
                .body("details[0].message", startsWith("would refund more than the gift"));
        assertEquals(50_000_000L, EmulatorControl.get("gifts", gift).getLong("data.gift.refundedAmount.amountMicros"));
    }

    @Test
    void aRepeatedRequestWithItsIdempotencyKeyRefundsOnce() {
        for (int i = 0; i < 2; i++) {
            api().header("Idempotency-Key", "refund-cheque-1").body(refund(20_000_000, "GBP", "2026-11-10"))
                    .post("/api/fundraising/gifts/" + gift + "/refunds").then().statusCode(201)
                    .body("data.gift.refundedAmount.amountMicros", equalTo(20_000_000));
        }
        assertEquals(20_000_000L, EmulatorControl.get("gifts", gift).getLong("data.gift.refundedAmount.amountMicros"));
    }

    @Test
    void badRefundsAreRefusedNamingTheFieldAndWriteNothing() {
        String route = "/api/fundraising/gifts/" + gift + "/refunds";
        api().body(refund(20_000_000, "EUR", "2026-11-10")).post(route).then().statusCode(400)
                .body("details[0].field", equalTo("amount.currencyCode"));
        api().body(refund(0, "GBP", "2026-11-10")).post(route).then().statusCode(400)
                .body("details[0].field", equalTo("amount.amountMicros"));
        api().body(refund(10, "GBP", "2026-02-30")).post(route).then().statusCode(400).body("details[0].field", equalTo("date"));
        api().body(refund(10, "GBP", "10/11/2026")).post(route).then().statusCode(400).body("details[0].field", equalTo("date"));
        api().body(Map.of("date", "2026-11-10")).post(route).then().statusCode(400).body("details[0].field", equalTo("amount"));
        api().body(Map.of("amount", Map.of("amountMicros", "ten", "currencyCode", "GBP"), "date", "2026-11-10")).post(route)
                .then().statusCode(400);
        api().post(route).then().statusCode(400);
        api().body(Map.of("amount", Map.of("amountMicros", 10, "currencyCode", "GBP"), "date", "2026-11-10", "reason", "x"))
                .post(route).then().statusCode(400).body("details[0].field", equalTo("reason"));
        api().body(Map.of("amount", Map.of("amountMicros", "10", "currencyCode", "GBP"), "date", "2026-11-10"))
                .post(route).then().statusCode(400).body("details[0].field", equalTo("amount.amountMicros"));
        api().body(refund(10, "GBP", "2026-11-10")).post("/api/fundraising/gifts/not-a-uuid/refunds").then().statusCode(400);
        api().body(refund(10, "GBP", "2026-11-10")).post("/api/fundraising/gifts/" + UUID.randomUUID() + "/refunds").then().statusCode(404);
        assertEquals(0, EmulatorControl.calls("PATCH /rest/gifts/{id}"), "nothing written");
        given().contentType(ContentType.JSON).body(refund(10, "GBP", "2026-11-10")).post(route).then().statusCode(401);
    }
}
