package org.fundraising.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

import static org.fundraising.support.Gifts.api;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 8: parser internals ("Character I is neither a decimal digit…", {@code StreamReadConstraints}) reached
 * callers, a bad cursor was echoed back whole, and 414 and a chunked 413 came with empty bodies. Every status now
 * carries the error shape, in words a caller can act on, echoing input only trimmed; so does a path that is not
 * valid percent-encoding, which the router refuses before any route runs.
 */
@QuarkusTest
class ErrorLeakTest {

    /** Words of Java, Jackson or Vert.x that mean nothing to a caller. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)jackson|StreamReadConstraints|neither a decimal digit|java\\.|exception|Unexpected character|\\(code \\d+\\)|vertx");

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void parserAndNumberProblemsAreSaidInPlainWords() throws Exception {
        List<String> bodies = List.of(
                "{\"name\":\"A\",\"goalAmount\":1e400}",
                "{\"name\":\"A\",\"goalAmount\":" + "9".repeat(150) + "}",
                "[".repeat(100) + "]".repeat(100),
                "{\"name\": \"A\",, }",
                "{\"name\":",
                "{\"name\":\"A\",\"targetSolicitedCount\":\"Infinity\"}",
                "{\"name\":\"A\",\"goalAmount\":\"12,50\"}");
        for (String body : bodies) {
            HttpResponse<String> answer = post("/api/fundraising/appeals", body);
            assertEquals(400, answer.statusCode(), body + " → " + answer.body());
            assertErrorShape(answer, 400);
            assertFalse(INTERNALS.matcher(answer.body()).find(), "internals leaked: " + answer.body());
        }
        assertEquals(0, EmulatorControl.records("appeals"));
    }

    @Test
    void aBadCursorIsRefusedWithoutBeingEchoed() {
        String cursor = "<script>alert(1)</script>" + "x".repeat(600);
        api().queryParam("cursor", cursor).get("/api/fundraising/appeals").then().statusCode(400)
                .body("details[0].field", org.hamcrest.Matchers.equalTo("cursor"))
                .body(not(containsString("<script>")));
    }

    @Test
    void aTooLongRequestLineGetsTheErrorShape() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/fundraising/gifts?search="
                + "a".repeat(20_000))).header("Authorization", "Bearer " + EmulatorControl.KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(414, answer.statusCode());
        assertErrorShape(answer, 414);
    }

    @Test
    void aBodyOfUnknownLengthOverTheLimitGetsTheErrorShape() throws Exception {
        for (HttpClient.Version version : HttpClient.Version.values()) {
            oversizeWithoutLength(HttpClient.newBuilder().version(version).build());
        }
    }

    private void oversizeWithoutLength(HttpClient http) throws Exception {
        long size = 11L * 1024 * 1024;
        // No length is known in advance, so the client sends it chunked.
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/api/fundraising/appeals"))
                .header("Authorization", "Bearer " + EmulatorControl.KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new InputStream() {
                    long sent;

                    @Override
                    public int read() {
                        sent++;
                        return sent == 1 ? '{' : sent == 2 ? '"' : sent <= size ? 'a' : -1;
                    }
                })).build();
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closedWhileSending) {
            throw new AssertionError("the service closed the connection without an answer", closedWhileSending);
        }
        assertEquals(413, answer.statusCode());
        assertErrorShape(answer, 413);
        assertTrue(answer.body().contains("10 MiB"));
    }

    @Test
    void anUnknownPathIsEchoedTrimmedAndClean() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/fundraising/"
                + "n".repeat(3000) + "%0Aforged")).header("Authorization", "Bearer " + EmulatorControl.KEY).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, answer.statusCode());
        JsonNode body = assertErrorShape(answer, 404);
        assertTrue(body.path("message").asText().length() < 200, body.path("message").asText());
        assertFalse(body.path("message").asText().contains("\n"));
    }

    @Test
    void aPathThatIsNotValidPercentEncodingGetsTheErrorShape() throws Exception {
        for (String path : List.of("/api/fundraising/gifts/%zz", "/gifts/%E0%A4%A", "/%zz")) {
            // Java's own clients refuse to send such a path, so it goes as bytes on a socket, as an attacker's would.
            String answer;
            try (Socket socket = new Socket("localhost", RestAssured.port)) {
                socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                        + EmulatorControl.KEY + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            assertTrue(answer.startsWith("HTTP/1.1 400"), path + " → " + answer);
            JsonNode body = json.readTree(answer.substring(answer.indexOf("\r\n\r\n") + 4));
            assertEquals(400, body.path("statusCode").asInt(), answer);
            assertFalse(body.path("requestId").asText().isBlank(), answer);
            assertTrue(body.path("message").asText().contains("percent"), answer);
            assertFalse(INTERNALS.matcher(answer).find(), "internals leaked: " + answer);
        }
    }

    private JsonNode assertErrorShape(HttpResponse<String> answer, int status) throws Exception {
        JsonNode body = json.readTree(answer.body());
        assertEquals(status, body.path("statusCode").asInt(), answer.body());
        assertFalse(body.path("error").asText().isBlank(), answer.body());
        assertFalse(body.path("message").asText().isBlank(), answer.body());
        assertFalse(body.path("requestId").asText().isBlank(), answer.body());
        return body;
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + EmulatorControl.KEY)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
