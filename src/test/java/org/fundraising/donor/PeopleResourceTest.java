package org.fundraising.donor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class PeopleResourceTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @Test
    void returnsTheOriginalsNormalisedShapeInOneTwentyCall() {
        String id = given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON)
                .body(Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace"),
                        "emails", Map.of("primaryEmail", "ada@example.org"),
                        "mailingAddress", Map.of("addressStreet1", "12 St James's Square", "addressCity", "London",
                                "addressPostcode", "SW1Y 4JH", "addressCountry", "GB")))
                .post(EmulatorControl.REST + "/people").then().statusCode(201).extract().path("data.createPerson.id");
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + id).then().statusCode(200)
                .body("id", equalTo(id))
                .body("fullName", equalTo("Ada Lovelace"))
                .body("firstName", equalTo("Ada"))
                .body("lastName", equalTo("Lovelace"))
                .body("email", equalTo("ada@example.org"))
                .body("householdId", nullValue())
                .body("mailingAddress.line1", equalTo("12 St James's Square"))
                .body("mailingAddress.postalCode", equalTo("SW1Y 4JH"));
        assertEquals(1, EmulatorControl.calls("GET /rest/people/{id}"));
    }

    @Test
    void aMissingPersonIs404AndABadIdIs400WithoutATwentyCall() {
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/" + java.util.UUID.randomUUID())
                .then().statusCode(404).body("statusCode", equalTo(404));
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/people/not-an-id")
                .then().statusCode(400).body("details[0].field", equalTo("id"));
        assertEquals(1, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void theUsersTokenIsForwardedSoTwentyDecides() {
        // Twenty 2.21 answers 401 to a token it does not know, and the original passes Twenty's status back.
        given().auth().oauth2("someone-else").get("/api/fundraising/people/" + java.util.UUID.randomUUID())
                .then().statusCode(401);
    }
}
