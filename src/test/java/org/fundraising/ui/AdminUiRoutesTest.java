package org.fundraising.ui;

import io.quarkus.test.junit.QuarkusTest;
import org.fundraising.support.Management;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** How the screens are served: the session gate, the assets, the security headers, and the front door. */
@QuarkusTest
class AdminUiRoutesTest {

    private static final String SESSION = "tokenPair=" + URLEncoder.encode(
            "{\"accessOrWorkspaceAgnosticToken\":{\"token\":\"local-dev-key\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}}",
            StandardCharsets.UTF_8);

    @Test
    void withoutASessionThePageSendsToSignInAndComesBackToWhereItWas() {
        given().redirects().follow(false).get("/fundraising/").then().statusCode(302)
                .header("Location", endsWith("/welcome?redirect=%2Ffundraising%2F"));
        given().redirects().follow(false).get("/fundraising/queue?x=1").then().statusCode(302)
                .header("Location", endsWith("/welcome?redirect=%2Ffundraising%2Fqueue%3Fx%3D1"));
        given().redirects().follow(false).header("Cookie", "tokenPair=" + URLEncoder.encode(
                        "{\"accessOrWorkspaceAgnosticToken\":{\"token\":\"\"},\"refreshToken\":{\"token\":\"\"}}", StandardCharsets.UTF_8))
                .get("/fundraising/").then().statusCode(302);
        given().redirects().follow(false).get("/fundraising").then().statusCode(301).header("Location", endsWith("/fundraising/"));
    }

    @Test
    void withASessionThePageComesWithHeadersThatKeepOtherSitesOut() {
        given().header("Cookie", SESSION).get("/fundraising/").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("X-Frame-Options", equalTo("DENY"))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("Referrer-Policy", equalTo("same-origin"))
                .body(containsString("/fundraising/assets/app.js"));
        given().queryParam("token", "local-dev-key").get("/fundraising/batches").then().statusCode(200);
        // The sign-in page hands out a session: it comes with the same headers.
        given().get("/welcome").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("X-Frame-Options", equalTo("DENY"));
    }

    @Test
    void assetsAreServedToAnyoneAndNothingElseIs() {
        given().get("/fundraising/assets/app.js").then().statusCode(200).contentType(containsString("text/javascript"))
                .header("X-Content-Type-Options", equalTo("nosniff")).body(containsString("SCREENS"));
        given().get("/fundraising/assets/app.css").then().statusCode(200).contentType(containsString("text/css"));
        given().get("/fundraising/assets/missing.js").then().statusCode(404);
        given().get("/fundraising/assets/..%2Findex.html").then().statusCode(404);
        given().get("/fundraising/assets/index.html").then().statusCode(404);
    }

    @Test
    void theFrontDoorSendsABrowserToTheScreensAndTellsAProgramWhereThingsAre() {
        given().redirects().follow(false).header("Accept", "text/html,application/xhtml+xml").get("/").then().statusCode(302)
                .header("Location", endsWith("/fundraising/"));
        given().get("/").then().statusCode(200).body("screens", equalTo("/fundraising/")).body("openapi", equalTo("/q/openapi"))
                .body("health[0]", equalTo("/health")).body("management[1]", equalTo("/q/health/ready"))
                .body("managementPort", equalTo(Management.port()));
    }

    @Test
    void noCrossOriginAccessIsGranted() {
        given().header("Origin", "https://elsewhere.example").header("Access-Control-Request-Method", "POST")
                .options("/api/fundraising/gifts").then().header("Access-Control-Allow-Origin", nullValue());
    }
}
