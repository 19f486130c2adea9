package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 1: {@code /api/fundraising;x=1/gifts} with no token was served on the service's own key. Protection is
 * now decided on the route that matched, so no spelling of a protected path gets through without a token, and
 * nothing reaches Twenty on the way.
 */
@QuarkusTest
class AuthBypassTest {

    /** Spellings an attacker tries: each one maps a canonical path to a variant the router may fold back. */
    private static final Map<String, UnaryOperator<String>> SPELLINGS = new LinkedHashMap<>();

    static {
        SPELLINGS.put("canonical", p -> p);
        SPELLINGS.put("matrix on prefix", p -> p.replaceFirst("/api/fundraising", "/api/fundraising;x=1"));
        SPELLINGS.put("matrix on api", p -> p.replaceFirst("/api/", "/api;x=1/"));
        SPELLINGS.put("matrix on last", p -> p + ";x=1");
        SPELLINGS.put("encoded slash %2F", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising%2F"));
        SPELLINGS.put("encoded slash %2f", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising%2f"));
        SPELLINGS.put("double slash start", p -> "/" + p);
        SPELLINGS.put("double slash inside", p -> p.replaceFirst("/api/", "/api//"));
        SPELLINGS.put("double slash after prefix", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising//"));
        SPELLINGS.put("dot segment", p -> p.replaceFirst("/api/", "/api/./"));
        SPELLINGS.put("dot-dot segment", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising/x/../"));
        SPELLINGS.put("dot-dot above prefix", p -> p.replaceFirst("/api/", "/api/x/../"));
        SPELLINGS.put("encoded dot", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising/%2e/"));
        SPELLINGS.put("encoded dot-dot", p -> p.replaceFirst("/api/fundraising/", "/api/fundraising/x/%2e%2e/"));
        SPELLINGS.put("upper case", p -> p.toUpperCase(java.util.Locale.ROOT));
        SPELLINGS.put("mixed case prefix", p -> p.replaceFirst("/api/fundraising", "/api/Fundraising"));
        SPELLINGS.put("trailing slash", p -> p + "/");
        SPELLINGS.put("trailing semicolon", p -> p + ";");
        SPELLINGS.put("encoded letter", AuthBypassTest::encodeFirstLetter);
    }

    /** {@code /api/fundraising/gifts} → {@code /api/fundraising/%67ifts}. */
    private static String encodeFirstLetter(String path) {
        int at = "/api/fundraising/".length();
        return path.substring(0, at) + String.format("%%%02x", (int) path.charAt(at)) + path.substring(at + 1);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void countAfresh() {
        EmulatorControl.clearStats();
    }

    @Test
    void noSpellingOfAProtectedRouteAnswersWithoutAToken() throws Exception {
        List<String> served = new ArrayList<>();
        int requests = 0;
        for (ApiRoutes.Operation operation : ApiRoutes.protectedOperations()) {
            for (Map.Entry<String, UnaryOperator<String>> spelling : SPELLINGS.entrySet()) {
                String path = spelling.getValue().apply(operation.path());
                HttpResponse<String> answer = send(operation.method(), path, null);
                requests++;
                if (answer.statusCode() != 401 && answer.statusCode() != 404) {
                    served.add(operation + " as " + spelling.getKey() + " (" + path + ") → " + answer.statusCode());
                }
            }
        }
        assertTrue(served.isEmpty(), "answered neither 401 nor 404 without a token:\n" + String.join("\n", served));
        assertTrue(requests > 500, "the table sent only " + requests + " requests");
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a request without a token reached Twenty");
    }

    @Test
    void theRequestThatUsedToGetThroughNowNeedsAToken() throws Exception {
        HttpResponse<String> list = send("GET", "/api/fundraising;x=1/gifts", null);
        assertEquals(401, list.statusCode(), list.body());
        HttpResponse<String> create = send("POST", "/api/fundraising;x=1/gifts",
                "{\"amount\":{\"amountMicros\":1000000,\"currencyCode\":\"GBP\"},\"contact\":{\"firstName\":\"Eve\",\"lastName\":\"Mallory\"}}");
        assertEquals(401, create.statusCode(), create.body());
        assertTrue(list.body().contains("Missing authentication token"), list.body());
        assertEquals(Map.of(), EmulatorControl.callsByRoute());
    }

    @Test
    void aTokenStillWorksWhateverTheSpelling() throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base() + "/api/fundraising;x=1/gifts"))
                .header("Authorization", "Bearer " + EmulatorControl.KEY).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path));
        if (body != null || method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
