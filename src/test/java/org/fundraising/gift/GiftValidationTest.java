package org.fundraising.gift;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.STAGING;
import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bad gifts are 400s that name the field, in the common error shape, and nothing reaches Twenty. */
@QuarkusTest
class GiftValidationTest {

    private static final String OK_CONTACT = "\"contact\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}";
    private static final String OK_AMOUNT = "\"amount\":{\"amountMicros\":15500000,\"currencyCode\":\"GBP\"}";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "missing amount                | {" + OK_CONTACT + "}                                                            | amount",
            "amount not an object          | {\"amount\":15.5," + OK_CONTACT + "}                                             | amount",
            "amount null                   | {\"amount\":null," + OK_CONTACT + "}                                             | amount",
            "missing micros                | {\"amount\":{\"currencyCode\":\"GBP\"}," + OK_CONTACT + "}                      | amount.amountMicros",
            "micros as a string            | {\"amount\":{\"amountMicros\":\"15500000\",\"currencyCode\":\"GBP\"}," + OK_CONTACT + "} | amount.amountMicros",
            "fractional micros             | {\"amount\":{\"amountMicros\":1.5,\"currencyCode\":\"GBP\"}," + OK_CONTACT + "} | amount.amountMicros",
            "zero amount                   | {\"amount\":{\"amountMicros\":0,\"currencyCode\":\"GBP\"}," + OK_CONTACT + "}   | amount.amountMicros",
            "negative amount               | {\"amount\":{\"amountMicros\":-100,\"currencyCode\":\"GBP\"}," + OK_CONTACT + "} | amount.amountMicros",
            "amount beyond a long          | {\"amount\":{\"amountMicros\":99999999999999999999,\"currencyCode\":\"GBP\"}," + OK_CONTACT + "} | amount.amountMicros",
            "missing currency              | {\"amount\":{\"amountMicros\":100}," + OK_CONTACT + "}                          | amount.currencyCode",
            "not an ISO currency           | {\"amount\":{\"amountMicros\":100,\"currencyCode\":\"POUNDS\"}," + OK_CONTACT + "} | amount.currencyCode",
            "unknown ISO-shaped currency   | {\"amount\":{\"amountMicros\":100,\"currencyCode\":\"XYZ\"}," + OK_CONTACT + "} | amount.currencyCode",
            "negative fee                  | {" + OK_AMOUNT + ",\"feeAmount\":{\"amountMicros\":-1}," + OK_CONTACT + "}      | feeAmount.amountMicros",
            "no identity                   | {" + OK_AMOUNT + "}                                                             | contact",
            "contact without last name     | {" + OK_AMOUNT + ",\"contact\":{\"firstName\":\"Ada\"}}                          | contact.lastName",
            "contact with an empty email   | {" + OK_AMOUNT + ",\"contact\":{\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\" \"}} | contact.email",
            "contact with a non-email      | {" + OK_AMOUNT + ",\"contact\":{\"firstName\":\"Ada\",\"lastName\":\"L\",\"email\":\"ada\"}} | contact.email",
            "contact not an object         | {" + OK_AMOUNT + ",\"contact\":\"Ada Lovelace\"}                                 | contact",
            "contactId not a UUID          | {" + OK_AMOUNT + ",\"contactId\":\"person-1\"}                                   | contactId",
            "org intent without company    | {" + OK_AMOUNT + ",\"giftIntent\":\"grant\"," + OK_CONTACT + "}                 | companyId",
            "unknown gift intent           | {" + OK_AMOUNT + ",\"giftIntent\":\"bequest\"," + OK_CONTACT + "}               | giftIntent",
            "date in another format        | {" + OK_AMOUNT + ",\"giftDate\":\"20/11/2026\"," + OK_CONTACT + "}              | giftDate",
            "date that does not exist      | {" + OK_AMOUNT + ",\"giftDate\":\"2026-02-30\"," + OK_CONTACT + "}              | giftDate",
            "expectedAt not a date         | {" + OK_AMOUNT + ",\"expectedAt\":\"soon\"," + OK_CONTACT + "}                   | expectedAt",
            "notes not a string            | {" + OK_AMOUNT + ",\"notes\":42," + OK_CONTACT + "}                             | notes",
            "autoProcess not a boolean     | {" + OK_AMOUNT + ",\"autoProcess\":\"yes\"," + OK_CONTACT + "}                  | autoProcess",
            "estimatedValue negative       | {" + OK_AMOUNT + ",\"estimatedValue\":-5," + OK_CONTACT + "}                    | estimatedValue",
            "appealId not a UUID           | {" + OK_AMOUNT + ",\"appealId\":\"spring\"," + OK_CONTACT + "}                  | appealId",
            "recurringMetadata not object  | {" + OK_AMOUNT + ",\"recurringMetadata\":[1]," + OK_CONTACT + "}                | recurringMetadata",
    })
    void aBadGiftIsA400NamingTheFieldAndWritesNothing(String rule, String body, String field) {
        api().body(body).post(GIFTS).then().statusCode(400)
                .body("statusCode", equalTo(400))
                .body("error", notNullValue())
                .body("requestId", notNullValue())
                .body("details.field", org.hamcrest.Matchers.hasItem(field))
                .body("message", containsString(field));
        assertEquals(0, EmulatorControl.stats().getInt("calls"), rule + ": no Twenty call");
    }

    @Test
    void everyProblemIsReportedInOneAnswer() {
        api().body("{\"amount\":{\"amountMicros\":0,\"currencyCode\":\"GBP\"},\"giftDate\":\"tomorrow\"}").post(GIFTS).then()
                .statusCode(400).body("details.field", org.hamcrest.Matchers.contains("amount.amountMicros", "giftDate", "contact"));
        api().body("{" + OK_AMOUNT + ",\"contactId\":\"nope\"}").post(GIFTS).then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.contains("contactId"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void hugeStringsAreRefused() {
        String huge = "x".repeat(10_001);
        api().body(Map.of("amount", Map.of("amountMicros", 1, "currencyCode", "GBP"), "notes", huge,
                "contact", Map.of("firstName", "Ada", "lastName", "Lovelace"))).post(GIFTS).then().statusCode(400)
                .body("details[0].field", equalTo("notes"));
        api().body(Map.of("amount", Map.of("amountMicros", 1, "currencyCode", "GBP"),
                "contact", Map.of("firstName", "A".repeat(300), "lastName", "Lovelace"))).post(GIFTS).then().statusCode(400)
                .body("details[0].field", equalTo("contact.firstName"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void malformedAndMistypedBodiesAreTheCommonErrorShape() {
        api().body("{\"amount\":").post(GIFTS).then().statusCode(400).body("message", containsString("Malformed JSON"));
        api().body("[1,2]").post(GIFTS).then().statusCode(400).body("message", equalTo("Gift payload must be an object."));
        api().contentType("text/plain").body("amount=5").post(GIFTS).then().statusCode(415);
        api().body("{\"amount\":{\"amountMicros\":100,\"currencyCode\":\"GBP\"},\"contact\":{\"firstName\":\"A\",\"lastName\":\"B\"},"
                + "\"processingStatus\":\"done\"}").post(STAGING).then().statusCode(400)
                .body("details[0].field", equalTo("processingStatus"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void aGiftUpdateChecksItsFieldsAndRefusesUnknownOnes() {
        String id = java.util.UUID.randomUUID().toString();
        api().body(Map.of("amount", Map.of("amountMicros", -1, "currencyCode", "GBP"))).patch(GIFTS + "/" + id).then()
                .statusCode(400).body("details[0].field", equalTo("amount.amountMicros"));
        api().body(Map.of("favourite", "x")).patch(GIFTS + "/" + id).then().statusCode(400).body("details[0].field", equalTo("favourite"));
        api().body(Map.of("receiptStatus", "lost")).patch(GIFTS + "/" + id).then().statusCode(400);
        api().body(Map.of()).patch(GIFTS + "/" + id).then().statusCode(400);
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
        api().body(Map.of("notes", "x")).patch(GIFTS + "/" + id).then().statusCode(404);
    }
}
