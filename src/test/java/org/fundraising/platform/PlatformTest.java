package org.fundraising.platform;

import java.util.Arrays;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.fundraising.support.Management;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class PlatformTest {

    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test
    void healthAnswersInBothForms() {
        given().get("/health").then().statusCode(200).body("status", equalTo("ok"));
        Management.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        Management.given().get("/q/health/ready").then().statusCode(200).body("checks.name", hasItem("twenty"))
                .body("checks.find { it.name == 'operational-store' }.data.kind", equalTo("embedded"));
    }

    @Test
    void requestIdIsMintedWhenAbsentAndEchoedWhenSent() {
        given().get("/health").then().header("x-request-id", matchesPattern(UUID_RE));
        given().header("x-request-id", "  caller-id-42  ").get("/health").then().header("x-request-id", "caller-id-42");
    }

    @Test
    void requestIdReachesTheJsonLogLineAndIsForwardedToTwenty() throws Exception {
        String requestId = "trace-" + UUID.randomUUID();
        given().header("x-request-id", requestId).auth().oauth2(EmulatorControl.KEY)
                .get("/api/fundraising/test-probe/people").then().statusCode(200);

        JsonNode access = LogLines.await(line -> requestId.equals(line.path("requestId").asText())
                && "http_request".equals(line.path("event").asText())
                && "/api/fundraising/test-probe/people".equals(line.path("path").asText()));
        assertEquals("GET", access.path("method").asText());
        assertEquals(200, access.path("status").asInt());
        assertTrue(access.has("durationMs") && access.has("timestamp") && access.has("level") && access.has("message"));
        // The emulator logs its own access line: it carries the id our client forwarded in x-request-id.
        LogLines.await(line -> requestId.equals(line.path("requestId").asText())
                && "/twenty-emulator/rest/people".equals(line.path("path").asText()));
    }

    @Test
    void tokensAndKeysNeverReachTheLogs() throws Exception {
        String token = "sekret-token-" + UUID.randomUUID();
        given().auth().oauth2(token).get("/api/fundraising/test-probe/people").then().statusCode(401);
        given().queryParam("token", token).get("/api/fundraising/test-probe/people").then().statusCode(401);
        LogLines.await(line -> line.path("path").asText().equals("/twenty-emulator/rest/people")
                && line.path("status").asInt() == 401);
        String logs = LogLines.raw();
        assertFalse(logs.contains(token), "the caller's token was logged");
        assertFalse(logs.contains("Bearer " + EmulatorControl.KEY), "the API key was logged");
    }

    @Test
    void protectedRoutesNeedAToken() {
        given().get("/api/fundraising/ops/rate-budget").then().statusCode(401)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(401))
                .body("error", equalTo("Unauthorized"))
                .body("message", equalTo("Missing authentication token"))
                .body("requestId", notNullValue());
        given().header("Authorization", "Basic abc").get("/api/fundraising/ops/rate-budget").then().statusCode(401);
        given().auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/ops/rate-budget").then().statusCode(200);
        given().queryParam("token", EmulatorControl.KEY).get("/api/fundraising/ops/rate-budget").then().statusCode(200);
        // A token is not enough: Twenty must accept it (checked once, then remembered).
        given().auth().oauth2("t").get("/api/fundraising/ops/rate-budget").then().statusCode(401);
    }

    @Test
    void webhooksOptionsAndHealthAreOpen() {
        // Open to the providers (no token asked), and refused for want of a signature instead.
        given().post("/api/fundraising/webhooks/stripe").then().statusCode(400)
                .body("message", equalTo("Missing stripe-signature header"));
        given().post("/api/fundraising/webhooks/gocardless").then().statusCode(498);
        given().options("/api/fundraising/gifts").then().statusCode(org.hamcrest.Matchers.not(equalTo(401)));
        given().get("/health").then().statusCode(200);
    }

    @Test
    void unknownRouteGetsTheErrorShape() {
        given().auth().oauth2("t").get("/api/fundraising/no-such-thing").then().statusCode(404)
                .contentType(ContentType.JSON)
                .body("statusCode", equalTo(404)).body("error", equalTo("Not Found"))
                .body("message", containsString("/api/fundraising/no-such-thing"))
                .body("requestId", matchesPattern(UUID_RE));
        given().get("/nowhere").then().statusCode(404).body("statusCode", equalTo(404));
    }

    @Test
    void malformedJsonGetsTheErrorShape() {
        given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON).body("{\"name\": \"x\", ")
                .post("/api/fundraising/test-probe").then().statusCode(400)
                .body("statusCode", equalTo(400)).body("error", equalTo("Bad Request"))
                .body("message", containsString("Malformed JSON"))
                .body("requestId", notNullValue());
    }

    @Test
    void wrongTypeNamesTheField() {
        given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON).body("{\"name\": \"x\", \"amountMicros\": \"lots\"}")
                .post("/api/fundraising/test-probe").then().statusCode(400)
                .body("message", containsString("amountMicros"))
                .body("details[0].field", equalTo("amountMicros"));
    }

    @Test
    void beanValidationFailuresNameEachField() {
        given().auth().oauth2(EmulatorControl.KEY).contentType(ContentType.JSON).body("{\"name\": \" \", \"amountMicros\": -5}")
                .post("/api/fundraising/test-probe").then().statusCode(400)
                .body("statusCode", equalTo(400))
                .body("details.field", org.hamcrest.Matchers.containsInAnyOrder("amountMicros", "name"));
    }

    @Test
    void wrongContentTypeGetsTheErrorShape() {
        given().auth().oauth2("t").contentType(ContentType.TEXT).body("hello")
                .post("/api/fundraising/test-probe").then().statusCode(415)
                .body("statusCode", equalTo(415)).body("message", containsString("application/json"));
    }

    @Test
    void oversizeBodyGetsTheErrorShape() {
        byte[] body = new byte[10 * 1024 * 1024 + 10];
        Arrays.fill(body, (byte) 'a');
        given().auth().oauth2("t").contentType(ContentType.JSON).body(body)
                .post("/api/fundraising/test-probe").then().statusCode(413)
                .body("statusCode", equalTo(413)).body("message", containsString("10 MiB"));
    }

    @Test
    void openApiDocumentsTheRoutes() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/fundraising/ops/rate-budget"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/fundraising/gifts"))
                .body("paths", org.hamcrest.Matchers.hasKey("/api/fundraising/gift-staging/{id}/process"))
                .body("paths.'/api/fundraising/gifts'.post.summary", containsString("Idempotency-Key"))
                // Every operation documents the common error body.
                .body("components.schemas.ApiError.required", org.hamcrest.Matchers.hasItems("statusCode", "message", "requestId"))
                .body("paths.'/api/fundraising/gifts'.post.responses.'400'.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/ApiError"))
                .body("paths.'/api/fundraising/gift-staging'.get.responses.keySet()", org.hamcrest.Matchers.hasItems("401", "503"))
                // The emulator and its sign-in page stand in for Twenty: they are not this service's API.
                .body("paths.keySet().findAll { it.startsWith('/twenty-emulator') || it.startsWith('/welcome') }",
                        org.hamcrest.Matchers.empty());
    }

    @Test
    void openApiDescribesBodiesFromTheRulesTheServiceRuns() {
        io.restassured.path.json.JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        assertEquals("#/components/schemas/GiftCreate",
                doc.getString("paths.'/api/fundraising/gifts'.post.requestBody.content.'application/json'.schema.$ref"));
        assertEquals(List.of("amount"), doc.getList("components.schemas.GiftCreate.required"));
        assertEquals(List.of("amountMicros", "currencyCode"),
                doc.getList("components.schemas.GiftCreate.properties.amount.required"));
        assertEquals("uuid", doc.getString("components.schemas.GiftCreate.properties.appealId.format"));
        assertTrue(doc.getList("components.schemas.GiftCreate.properties.giftIntent.enum").contains("corporateInKind"));
        assertEquals("#/components/schemas/GiftCreated",
                doc.getString("paths.'/api/fundraising/gifts'.post.responses.'200'.content.'application/json'.schema.$ref"));
        assertEquals("#/components/schemas/Gift",
                doc.getString("components.schemas.GiftCreated.oneOf[0].properties.data.properties.createGift.$ref"));
        assertEquals("date", doc.getString("components.schemas.Gift.properties.giftDate.format"));
        assertEquals("uuid", doc.getString("components.schemas.Gift.properties.donorId.format"));
        assertEquals("#/components/schemas/GiftStagingStatus", doc.getString(
                "paths.'/api/fundraising/gift-staging/{id}/status'.patch.requestBody.content.'application/json'.schema.$ref"));
        assertTrue(doc.getList("components.schemas.GiftStagingStatus.properties.processingStatus.enum")
                .contains("ready_for_process"));
    }
}
