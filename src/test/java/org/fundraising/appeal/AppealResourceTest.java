package org.fundraising.appeal;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class AppealResourceTest {

    private static final String ROUTE = "/api/fundraising/appeals";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    private String appeal(String name) {
        return api().body(Map.of("name", name, "appealType", "email", "startDate", "2026-11-01"))
                .post(ROUTE).then().statusCode(200).extract().path("data.createAppeal.id");
    }

    @Test
    void createsWithEveryMoneyFormExactly() {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "  Winter appeal ");
        body.put("goalAmount", "19.99");
        body.put("budgetAmount", Map.of("value", 0.1, "currency", "eur"));
        body.put("targetSolicitedCount", 1200.7);
        body.put("description", "");
        api().body(body).post(ROUTE).then().statusCode(200)
                .body("data.createAppeal.name", equalTo("Winter appeal"))
                .body("data.createAppeal.goalAmount.amountMicros", equalTo(19_990_000))
                .body("data.createAppeal.goalAmount.currencyCode", equalTo("GBP"))
                .body("data.createAppeal.budgetAmount.amountMicros", equalTo(100_000))
                .body("data.createAppeal.budgetAmount.currencyCode", equalTo("EUR"))
                .body("data.createAppeal.targetSolicitedCount", equalTo(1200))
                .body("data.createAppeal.description", equalTo(null));
        api().body(Map.of("name", "Micros", "goalAmount", Map.of("amountMicros", 5_000_000, "currencyCode", "USD")))
                .post(ROUTE).then().statusCode(200).body("data.createAppeal.goalAmount.amountMicros", equalTo(5_000_000));
    }

    @Test
    void validationNamesTheFieldsAndWritesNothing() {
        api().body(Map.of("goalAmount", -5, "startDate", "2026-13-01", "targetSolicitedCount", -1, "colour", "red"))
                .post(ROUTE).then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("goalAmount", "startDate",
                        "targetSolicitedCount", "colour", "name"));
        api().body(Map.of("name", "x", "goalAmount", Map.of("value", 1, "currencyCode", "POUNDS"))).post(ROUTE).then()
                .statusCode(400).body("details[0].field", equalTo("goalAmount"));
        api().body(Map.of()).patch(ROUTE + "/" + UUID.randomUUID()).then().statusCode(400)
                .body("message", containsString("at least one field"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void listGetAndUpdate() {
        String winter = appeal("Winter");
        appeal("Spring");
        api().queryParam("search", "wint").get(ROUTE).then().statusCode(200).body("data.appeals", hasSize(1));
        // Newest first unless a sort is asked for, so that a new appeal is on the first page.
        assertEquals(Map.of("filter", "name[ilike]:\"%wint%\"", "order_by", "createdAt[DescNullsLast]", "limit", "60", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/appeals"));
        api().queryParam("sort", "name").get(ROUTE).then().body("data.appeals.name", equalTo(List.of("Spring", "Winter")));
        api().get(ROUTE + "/" + winter).then().statusCode(200).body("data.appeal.name", equalTo("Winter"));
        api().body(Map.of("description", "Cold months", "endDate", "")).patch(ROUTE + "/" + winter).then().statusCode(200)
                .body("data.updateAppeal.description", equalTo("Cold months"));
        api().get(ROUTE + "/" + UUID.randomUUID()).then().statusCode(404);
        // As in the original there is no delete: an appeal gifts point at is ended by its end date, not removed.
        api().delete(ROUTE + "/" + winter).then().statusCode(405);
        api().get(ROUTE + "/" + winter).then().statusCode(200);
    }

    @Test
    void snapshotsAreCreatedFromThePathAndListedAcrossPages() {
        String appeal = appeal("Winter");
        String other = appeal("Other");
        api().body(Map.of("count", "123", "source", "mailing")).post(ROUTE + "/" + appeal + "/solicitation-snapshots").then()
                .statusCode(200).body("data.createSolicitationSnapshot.countSolicited", equalTo(123))
                .body("data.createSolicitationSnapshot.appealId", equalTo(appeal))
                .body("data.createSolicitationSnapshot.capturedAt", notNullValue());
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            batch.add(Map.of("appealId", i < 249 ? appeal : other, "countSolicited", i + 1));
            if (batch.size() == 60 || i == 249) {
                api().body(batch).post(EmulatorControl.REST + "/batch/solicitationSnapshots").then().statusCode(201);
                batch.clear();
            }
        }
        api().get(ROUTE + "/" + appeal + "/solicitation-snapshots").then().statusCode(200)
                .body("data.solicitationSnapshots", hasSize(250));
        assertEquals(2, EmulatorControl.calls("GET /rest/solicitationSnapshots"), "250 snapshots in pages of 200, Twenty's most a read");
        assertEquals("appealId[eq]:\"" + appeal + "\"", EmulatorControl.lastQuery("GET", "/rest/solicitationSnapshots").get("filter"));
    }

    @Test
    void snapshotValidationAndMissingAppeal() {
        String appeal = appeal("Winter");
        api().body(Map.of("countSolicited", 0)).post(ROUTE + "/" + appeal + "/solicitation-snapshots").then().statusCode(400)
                .body("details[0].field", equalTo("countSolicited"));
        api().body(Map.of("countSolicited", 5, "capturedAt", "yesterday")).post(ROUTE + "/" + appeal + "/solicitation-snapshots")
                .then().statusCode(400).body("details[0].field", equalTo("capturedAt"));
        api().body(Map.of("countSolicited", 5)).post(ROUTE + "/" + UUID.randomUUID() + "/solicitation-snapshots").then()
                .statusCode(404);
        assertEquals(0, EmulatorControl.calls("POST /rest/solicitationSnapshots"));
    }
}
