package org.fundraising.recurring;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class RecurringAgreementResourceTest {

    private static final String ROUTE = "/api/fundraising/recurring-agreements";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @AfterEach
    void noFaults() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    static String person() {
        return api().body(Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")))
                .post(EmulatorControl.REST + "/people").then().statusCode(201).extract().path("data.createPerson.id");
    }

    private String agreement(String donor, String status) {
        return api().body(Map.of("contactId", donor, "status", status, "cadence", "monthly",
                        "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "gbp"), "startDate", "2026-01-01"))
                .post(ROUTE).then().statusCode(200).extract().path("data.createRecurringAgreement.id");
    }

    @Test
    void createsWithContactIdAsDonorAndNormalisedValues() {
        String donor = person();
        api().body(Map.of("contactId", donor, "status", "Active", "cadence", "monthly", "intervalCount", 1,
                        "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "gbp"), "startDate", "2026-01-01",
                        "provider", "gocardless", "providerContext", Map.of("mandate", "MD123")))
                .post(ROUTE).then().statusCode(200)
                .body("data.createRecurringAgreement.donorId", equalTo(donor))
                .body("data.createRecurringAgreement.status", equalTo("active"))
                .body("data.createRecurringAgreement.amount.currencyCode", equalTo("GBP"))
                .body("data.createRecurringAgreement.providerContext.mandate", equalTo("MD123"));
        assertEquals(1, EmulatorControl.calls("POST /rest/recurringAgreements"));
    }

    @Test
    void badInputIs400NamingEachFieldAndWritesNothing() {
        api().body(Map.of("status", "sleeping", "cadence", "hourly", "intervalCount", 0,
                        "amount", Map.of("amountMicros", -5, "currencyCode", "GBP"), "startDate", "2026-02-30",
                        "nextExpectedAt", "tomorrow", "colour", "blue", "contactId", "nobody"))
                .post(ROUTE).then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("status", "cadence", "intervalCount", "amount",
                        "startDate", "nextExpectedAt", "colour", "contactId"));
        api().body("[1,2]").post(ROUTE).then().statusCode(400)
                .body("message", equalTo("Recurring agreement payload must be an object."));
        api().body(Map.of("amount", Map.of("amountMicros", 1, "currencyCode", "XYZ"))).post(ROUTE).then().statusCode(400)
                .body("message", containsString("ISO 4217"));
        api().body(Map.of()).patch(ROUTE + "/" + UUID.randomUUID()).then().statusCode(400)
                .body("message", containsString("at least one field"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void listsWithNativeFiltersOnly() {
        String donor = person();
        agreement(donor, "active");
        agreement(donor, "paused");
        agreement(person(), "active");
        agreement(donor, "canceled");
        api().queryParam("statuses", "active,paused").queryParam("contactId", donor).queryParam("limit", 10)
                .get(ROUTE).then().statusCode(200)
                .body("data.recurringAgreements", hasSize(2))
                .body("totalCount", equalTo(2))
                .body("meta.hasMore", equalTo(false));
        assertEquals(Map.of("filter", "and(status[in]:[\"active\",\"paused\"],donorId[eq]:\"" + donor + "\")",
                        "order_by", "createdAt[DescNullsLast]", "limit", "10", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/recurringAgreements"));
        api().queryParam("status", "dormant").get(ROUTE).then().statusCode(400).body("details[0].field", equalTo("statuses"));
    }

    @Test
    void pagesWithCursors() {
        String donor = person();
        for (int i = 0; i < 3; i++) {
            agreement(donor, "active");
        }
        String cursor = api().queryParam("limit", 2).get(ROUTE).then().statusCode(200)
                .body("data.recurringAgreements", hasSize(2)).body("meta.hasMore", equalTo(true))
                .extract().path("meta.nextCursor");
        api().queryParam("limit", 2).queryParam("cursor", cursor).get(ROUTE).then().statusCode(200)
                .body("data.recurringAgreements", hasSize(1)).body("meta.hasMore", equalTo(false));
        api().queryParam("limit", 0).get(ROUTE).then().statusCode(400).body("details[0].field", equalTo("limit"));
    }

    @Test
    void getUpdateDeleteAndMissingRecords() {
        String id = agreement(person(), "active");
        api().get(ROUTE + "/" + id).then().statusCode(200).body("data.recurringAgreement.id", equalTo(id));
        api().body(Map.of("status", "paused", "nextExpectedAt", "2026-03-01")).patch(ROUTE + "/" + id).then().statusCode(200)
                .body("data.updateRecurringAgreement.status", equalTo("paused"))
                .body("data.updateRecurringAgreement.nextExpectedAt", equalTo("2026-03-01"));
        api().body(Map.of("endDate", "")).patch(ROUTE + "/" + id).then().statusCode(200)
                .body("data.updateRecurringAgreement.endDate", equalTo(null));
        api().delete(ROUTE + "/" + id).then().statusCode(200).body("data.deleteRecurringAgreement.id", equalTo(id));
        api().get(ROUTE + "/" + id).then().statusCode(404).body("statusCode", equalTo(404));
        api().body(Map.of("status", "active")).patch(ROUTE + "/" + id).then().statusCode(404);
        api().delete(ROUTE + "/" + id).then().statusCode(404);
        api().get(ROUTE + "/not-a-uuid").then().statusCode(400);
    }

    @Test
    void twentyFailuresBecomeClearStatuses() {
        EmulatorControl.fault(Map.of("path", "/rest/recurringAgreements", "mode", "rate_limit", "retryAfterSeconds", 0));
        api().get(ROUTE).then().statusCode(503).header("Retry-After", org.hamcrest.Matchers.notNullValue())
                .body("message", equalTo("Twenty API rate limited"));
        EmulatorControl.reset();
        EmulatorControl.fault(Map.of("path", "/rest/recurringAgreements", "mode", "error", "status", 502));
        api().get(ROUTE).then().statusCode(502).body("message", containsString("Twenty API error (502)"));
        assertEquals(3, EmulatorControl.calls("GET /rest/recurringAgreements"));
        EmulatorControl.reset();
        api().queryParam("cursor", "bm90LWEtY3Vyc29y").get(ROUTE).then().statusCode(400)
                .body("message", containsString("Invalid cursor")).body("details", hasItem(containsString("Invalid cursor")));
    }
}
