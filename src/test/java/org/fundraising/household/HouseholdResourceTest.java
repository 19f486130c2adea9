package org.fundraising.household;

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
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class HouseholdResourceTest {

    private static final String ROUTE = "/api/fundraising/households";

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    static String person(String first) {
        return api().body(Map.of("name", Map.of("firstName", first, "lastName", "Lovelace")))
                .post(EmulatorControl.REST + "/people").then().statusCode(201).extract().path("data.createPerson.id");
    }

    private String household(String name) {
        return api().body(Map.of("name", name, "envelopeName", "The Lovelaces",
                        "mailingAddress", Map.of("line1", "12 St James's Square", "city", "London", "postalCode", "SW1Y 4JH",
                                "country", "GB", "type", "home")))
                .post(ROUTE).then().statusCode(200).extract().path("id");
    }

    @Test
    void createsGetsListsAndUpdatesInTheNormalisedShape() {
        String id = household("Lovelace household");
        api().get(ROUTE + "/" + id).then().statusCode(200)
                .body("name", equalTo("Lovelace household"))
                .body("envelopeName", equalTo("The Lovelaces"))
                .body("mailingAddress.line1", equalTo("12 St James's Square"))
                .body("mailingAddress.postalCode", equalTo("SW1Y 4JH"))
                .body("primaryContactId", nullValue());
        household("Byron household");
        api().queryParam("search", "lovelace").get(ROUTE).then().statusCode(200)
                .body("households", hasSize(1)).body("meta.hasMore", equalTo(false));
        Map<String, Object> patch = new HashMap<>();
        patch.put("envelopeName", "");
        patch.put("mailingAddress", null);
        patch.put("salutationFormal", "Dear Countess");
        api().body(patch).patch(ROUTE + "/" + id).then().statusCode(200)
                .body("envelopeName", nullValue()).body("mailingAddress", nullValue())
                .body("salutationFormal", equalTo("Dear Countess"));
    }

    @Test
    void validationNamesTheFields() {
        api().body(Map.of("envelopeName", 5, "primaryContactId", "x", "mailingAddress", Map.of("planet", "Mars")))
                .post(ROUTE).then().statusCode(400)
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("envelopeName", "primaryContactId",
                        "mailingAddress", "name"));
        api().body(Map.of()).patch(ROUTE + "/" + UUID.randomUUID()).then().statusCode(400);
        api().body(Map.of("name", "")).patch(ROUTE + "/" + UUID.randomUUID()).then().statusCode(400);
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void membersAreListedAcrossEveryPage() {
        String id = household("Big household");
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            batch.add(Map.of("name", Map.of("firstName", "M" + i, "lastName", "X"), "householdId", i < 250 ? id : household("h" + i)));
            if (batch.size() == 60 || i == 259) {
                api().body(batch).post(EmulatorControl.REST + "/batch/people").then().statusCode(201);
                batch.clear();
            }
        }
        api().get(ROUTE + "/" + id + "/members").then().statusCode(200)
                .body("members", hasSize(250)).body("meta.totalCount", equalTo(250))
                .body("members[0].householdId", equalTo(id));
        assertEquals(2, EmulatorControl.calls("GET /rest/people"), "250 members in pages of 200, Twenty's most a read");
        assertEquals("householdId[eq]:\"" + id + "\"", EmulatorControl.lastQuery("GET", "/rest/people").get("filter"));
    }

    @Test
    void addMakePrimaryRemoveAndCopyAddress() {
        String id = household("Lovelace household");
        String ada = person("Ada");
        api().body(Map.of("contactId", ada, "makePrimary", true)).post(ROUTE + "/" + id + "/members").then().statusCode(200)
                .body("id", equalTo(ada)).body("householdId", equalTo(id)).body("fullName", equalTo("Ada Lovelace"));
        api().get(ROUTE + "/" + id).then().body("primaryContactId", equalTo(ada));

        // No mailingAddress: the household's is copied (null clears instead: compat.OriginalClientsTest).
        api().body(Map.of("contactId", ada)).post(ROUTE + "/" + id + "/copy-address").then()
                .statusCode(200).body("mailingAddress.city", equalTo("London"));
        api().body(Map.of("contactId", ada, "mailingAddress", Map.of("line1", "1 New Road", "city", "Bath")))
                .post(ROUTE + "/" + id + "/copy-address").then().statusCode(200)
                .body("mailingAddress.line1", equalTo("1 New Road")).body("mailingAddress.postalCode", nullValue());

        api().delete(ROUTE + "/" + id + "/members/" + ada).then().statusCode(200).body("householdId", nullValue());
        api().get(ROUTE + "/" + id).then().body("primaryContactId", nullValue());
        api().delete(ROUTE + "/" + id + "/members/" + ada).then().statusCode(404);
    }

    @Test
    void missingHouseholdOrPersonIs404() {
        String ada = person("Ada");
        api().body(Map.of("contactId", ada)).post(ROUTE + "/" + UUID.randomUUID() + "/members").then().statusCode(404);
        String id = household("Lovelace household");
        api().body(Map.of("contactId", UUID.randomUUID().toString())).post(ROUTE + "/" + id + "/members").then().statusCode(404);
        api().body(Map.of()).post(ROUTE + "/" + id + "/members").then().statusCode(400)
                .body("details[0].field", equalTo("contactId"));
        api().get(ROUTE + "/" + UUID.randomUUID()).then().statusCode(404);
    }
}
