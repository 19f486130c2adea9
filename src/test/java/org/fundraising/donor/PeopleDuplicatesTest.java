package org.fundraising.donor;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PeopleDuplicatesTest {

    private static final String ROUTE = "/api/fundraising/people/duplicates";

    @Inject
    DonorMatcher matcher;

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    static String person(String first, String last, String email, List<String> additional) {
        Map<String, Object> emails = new java.util.HashMap<>();
        emails.put("primaryEmail", email);
        emails.put("additionalEmails", additional);
        return api().body(Map.of("name", Map.of("firstName", first, "lastName", last), "emails", emails))
                .post(EmulatorControl.REST + "/people").then().statusCode(201).extract().path("data.createPerson.id");
    }

    @Test
    void answersTwentysCandidatesAndTheVerdictInOneCall() {
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of());
        person("Ada", "Lovelace", "second@example.org", List.of());
        api().body(Map.of("firstName", " Ada ", "lastName", "Lovelace", "email", "ada@example.org", "depth", 2))
                .post(ROUTE).then().statusCode(201)
                .body("data[0].personDuplicates", hasSize(2))
                .body("data[0].totalCount", equalTo(2))
                .body("meta.match.status", equalTo("auto_linked"))
                .body("meta.match.matchedDonorId", equalTo(ada));
        assertEquals(1, EmulatorControl.calls("POST /rest/people/duplicates"));
        assertEquals("1", EmulatorControl.lastQuery("POST", "/rest/people/duplicates").get("depth"));
        api().body(Map.of("firstName", "Ada", "lastName", "Lovelace")).post(ROUTE).then().statusCode(201)
                .body("meta.match.status", equalTo("partial_match_review"))
                .body("meta.match.reason", equalTo("name_only"));
    }

    @Test
    void badQueriesAre400WithoutATwentyCall() {
        api().body(Map.of("firstName", "A", "lastName", "Lovelace")).post(ROUTE).then().statusCode(400)
                .body("details[0].field", equalTo("firstName"));
        api().body(Map.of("firstName", "Ada", "lastName", "Lovelace", "email", " ")).post(ROUTE).then().statusCode(400)
                .body("details[0].field", equalTo("email"));
        api().body(Map.of("firstName", "Ada", "lastName", "Lovelace", "depth", 5)).post(ROUTE).then().statusCode(400)
                .body("details[0].field", equalTo("depth"));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void theMatcherFindsAccentCaseAndAdditionalEmailVariantsInOneLookupPerGroup() {
        String jose = person("José", "Núñez", "Jose@Example.org", List.of());
        String ada = person("Ada", "Lovelace", "ada@example.org", List.of("countess@example.org"));
        List<DonorIdentity> identities = new ArrayList<>();
        identities.add(new DonorIdentity("Jose", "Nunez", "jose@example.org"));
        identities.add(new DonorIdentity("Ada", "Lovelace", "countess@example.org"));
        identities.add(new DonorIdentity(null, null, null));
        identities.add(new DonorIdentity("ada", "LOVELACE", null));
        for (int i = 0; i < 66; i++) {
            identities.add(new DonorIdentity("New" + i, "Donor", "new" + i + "@example.org"));
        }
        TwentyCaller caller = TwentyCaller.system(Lane.BATCH, "test.match");
        List<DonorMatch> matches = matcher.match(caller, identities).await().atMost(Duration.ofSeconds(20));
        assertEquals(70, matches.size());
        assertEquals("auto_linked", matches.get(0).status());
        assertEquals(jose, matches.get(0).matchedDonorId());
        assertEquals("auto_linked", matches.get(1).status());
        assertEquals(ada, matches.get(1).matchedDonorId());
        assertEquals("insufficient_identity", matches.get(2).status());
        assertEquals("partial_match_review", matches.get(3).status(), "a name in another case is still a candidate");
        assertEquals("name_only", matches.get(3).reason());
        assertEquals("no_match", matches.get(69).status());
        assertEquals(0, EmulatorControl.calls("POST /rest/people/duplicates"));
        long lookups = EmulatorControl.calls("GET /rest/people");
        assertTrue(lookups >= 2 && lookups <= DonorMatcher.lookupCalls(identities),
                "a lookup by email, then by name for the identities it left open: " + lookups);
        assertEquals(true, lookups <= 4);

        api().body(Map.of("firstName", "Jose", "lastName", "Nunez", "email", "jose@example.org")).post(ROUTE).then()
                .statusCode(201).body("data[0].personDuplicates", hasSize(0));
        assertEquals(1, EmulatorControl.calls("POST /rest/people/duplicates"),
                "Twenty's exact duplicates alone miss the accent and case variant the matcher finds");
    }
}
