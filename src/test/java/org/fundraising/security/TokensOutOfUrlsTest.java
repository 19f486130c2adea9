package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Tokens stay out of URLs for anything that changes data, so neither a log nor a page elsewhere (a "simple"
 * cross-site request carries no Authorization header) can use one; event streams read the session cookie instead.
 */
@QuarkusTest
class TokensOutOfUrlsTest {

    private static final String BATCHES = "/api/fundraising/gift-batches";

    @Test
    void aChangeWithItsTokenInTheUrlIsRefusedAndWritesNothing() {
        EmulatorControl.clearStats();
        given().queryParam("token", EmulatorControl.KEY).contentType("application/json").body(Map.of("name", "Spring"))
                .post("/api/fundraising/appeals").then().statusCode(401).body("message", containsString("Authorization"));
        given().queryParam("token", EmulatorControl.KEY).contentType("application/json").body("{}")
                .post(BATCHES + "/" + UUID.randomUUID() + "/process").then().statusCode(401);
        given().queryParam("token", EmulatorControl.KEY).contentType("application/json").body("{}")
                .post("/api/fundraising/rollups/rebuild").then().statusCode(401);
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a change with its token in the URL reached Twenty");
        // Reads keep the original's fallback.
        given().queryParam("token", EmulatorControl.KEY).get("/api/fundraising/appeals").then().statusCode(200);
    }

    @Test
    void anEventStreamReadsTheSessionCookie() {
        String pair = "{\"accessOrWorkspaceAgnosticToken\":{\"token\":\"" + EmulatorControl.KEY + "\"},\"refreshToken\":{\"token\":\"r\"}}";
        String stream = BATCHES + "/" + UUID.randomUUID() + "/process/" + UUID.randomUUID() + "/events";
        // Authenticated by the cookie, the stream's own answer: no such run.
        given().header("Accept", "text/event-stream").cookie("tokenPair", URLEncoder.encode(pair, StandardCharsets.UTF_8))
                .get(stream).then().statusCode(404);
        given().header("Accept", "text/event-stream").get(stream).then().statusCode(401);
        // The cookie is an event stream's only: an ordinary call needs the Authorization header.
        given().cookie("tokenPair", URLEncoder.encode(pair, StandardCharsets.UTF_8)).get("/api/fundraising/appeals")
                .then().statusCode(401);
    }
}
