package org.fundraising.crm;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class CompanyOpportunityResourceTest {

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    static RequestSpecification api() {
        return given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON);
    }

    private String company(String name) {
        return api().body(Map.of("name", name)).post(EmulatorControl.REST + "/companies").then().statusCode(201)
                .extract().path("data.createCompany.id");
    }

    private String opportunity(String name, String companyId, String stage, String type) {
        return api().body(Map.of("name", name, "companyId", companyId, "stage", stage, "opportunityType", type))
                .post(EmulatorControl.REST + "/opportunities").then().statusCode(201).extract().path("data.createOpportunity.id");
    }

    @Test
    void companySearchIsANativeNameFilter() {
        company("Seeded Org");
        company("Other Trust");
        api().queryParam("search", "seeded").get("/api/fundraising/companies/search").then().statusCode(200)
                .body("data.companies", hasSize(1)).body("data.companies[0].name", equalTo("Seeded Org"));
        assertEquals(Map.of("filter", "name[ilike]:\"%seeded%\"", "order_by", "name[AscNullsLast]", "limit", "20", "depth", "0"),
                EmulatorControl.lastQuery("GET", "/rest/companies"));
    }

    @Test
    void opportunitySearchCombinesNativeFilters() {
        String org = company("Seeded Org");
        String other = company("Other");
        opportunity("Grant 2026", org, "NEW", "Grant");
        opportunity("Legacy", org, "PROPOSAL", "Legacy");
        opportunity("Grant elsewhere", other, "NEW", "Grant");
        api().queryParam("companyId", org).queryParam("stages", "new,meeting").queryParam("opportunityType", "Grant")
                .queryParam("search", "grant").get("/api/fundraising/opportunities/search").then().statusCode(200)
                .body("data.opportunities", hasSize(1)).body("data.opportunities[0].name", equalTo("Grant 2026"));
        assertEquals("and(name[ilike]:\"%grant%\",companyId[eq]:\"" + org + "\",stage[in]:[\"NEW\",\"MEETING\"],"
                + "opportunityType[in]:[\"Grant\"])", EmulatorControl.lastQuery("GET", "/rest/opportunities").get("filter"));
        assertEquals("updatedAt[DescNullsLast]", EmulatorControl.lastQuery("GET", "/rest/opportunities").get("order_by"));
        api().queryParam("orderBy", "colour").get("/api/fundraising/opportunities/search").then().statusCode(400);
        api().queryParam("companyId", "x").get("/api/fundraising/opportunities/search").then().statusCode(400);
    }

    @Test
    void opportunityUpdateTakesStageAndCloseDateOnly() {
        String id = opportunity("Grant", company("Org"), "NEW", "Grant");
        api().body(Map.of("stage", " meeting ", "closeDate", "2026-12-31")).patch("/api/fundraising/opportunities/" + id)
                .then().statusCode(200).body("data.updateOpportunity.stage", equalTo("MEETING"))
                .body("data.updateOpportunity.closeDate", containsString("2026-12-31"));
        api().body(Map.of("name", "Renamed")).patch("/api/fundraising/opportunities/" + id).then().statusCode(400)
                .body("message", equalTo("No supported fields provided for opportunity update"));
        api().body(Map.of("stage", "won-ish")).patch("/api/fundraising/opportunities/" + id).then().statusCode(400)
                .body("message", containsString("not a valid option"));
        api().body(Map.of("closeDate", "31/12/2026")).patch("/api/fundraising/opportunities/" + id).then().statusCode(400)
                .body("details[0].field", equalTo("closeDate"));
        api().body(Map.of("stage", "NEW")).patch("/api/fundraising/opportunities/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void twentyOutagesAreReportedNotHidden() {
        EmulatorControl.fault(Map.of("path", "/rest/companies", "mode", "error", "status", 503));
        api().get("/api/fundraising/companies/search").then().statusCode(502)
                .body("message", containsString("503"));
        assertEquals(3, EmulatorControl.calls("GET /rest/companies"));
    }
}
