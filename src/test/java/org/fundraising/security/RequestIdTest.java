package org.fundraising.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 10: a request id {@code token=abc} was logged as {@code token=***} (unsearchable) and non-ASCII ids came
 * out garbled. Request ids are kept exactly (printable ASCII, up to 200 characters; anything else is a 400), and
 * masking applies to secrets, not to ids.
 */
@QuarkusTest
class RequestIdTest {

    @Test
    void anIdThatLooksLikeASecretIsLoggedExactly() throws Exception {
        String id = "token=" + UUID.randomUUID();
        given().header("x-request-id", id).auth().oauth2(EmulatorControl.KEY).get("/api/fundraising/appeals")
                .then().statusCode(200).header("x-request-id", id);
        JsonNode access = LogLines.await(line -> "http_request".equals(line.path("event").asText())
                && id.equals(line.path("requestId").asText()) && "/api/fundraising/appeals".equals(line.path("path").asText()));
        assertEquals(200, access.path("status").asInt());
        // The emulator's own access line carries the id our client forwarded: exact there too.
        LogLines.await(line -> id.equals(line.path("requestId").asText())
                && "/twenty-emulator/rest/appeals".equals(line.path("path").asText()));
    }

    @Test
    void anIdThatCannotBeKeptExactlyIsRefused() throws Exception {
        // Raw UTF-8 bytes in the header, as a client sends them (Java's HTTP clients refuse to).
        String answer = rawRequest("GET /health HTTP/1.1\r\nHost: localhost\r\nx-request-id: trace-é\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        assertTrue(answer.contains("\"statusCode\":400"), answer);
        assertFalse(answer.contains("trace-"), "the refused id was echoed");
        given().header("x-request-id", "x".repeat(201)).get("/health").then().statusCode(400)
                .body("message", containsString("x-request-id"));
        given().header("x-request-id", "x".repeat(200)).get("/health").then().statusCode(200)
                .header("x-request-id", equalTo("x".repeat(200)));
    }

    private static String rawRequest(String request) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void secretsAreStillMasked() throws Exception {
        String token = "masked-" + UUID.randomUUID();
        given().queryParam("token", token).get("/api/fundraising/appeals").then().statusCode(401);
        given().auth().oauth2(token).get("/api/fundraising/appeals").then().statusCode(401);
        LogLines.await(line -> "/api/fundraising/appeals".equals(line.path("path").asText()) && line.path("status").asInt() == 401);
        assertFalse(LogLines.raw().contains(token), "a caller's token reached the logs");
    }
}
