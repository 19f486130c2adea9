package org.fundraising.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.fundraising.support.LogLines;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and abusive requests to every route the service's OpenAPI document lists (so a route added later is
 * covered without editing this test): ids that are not ids, bodies of the wrong shape, type and encoding, nested too
 * deep, too large, of the wrong content type, and text meant to inject SQL, spreadsheet formulas or script where a
 * number, an id or a date belongs. Each must be answered with a 4xx in the common error shape — never a 5xx — and
 * none may write anything to Twenty. Tokens sent along never reach the logs.
 */
@QuarkusTest
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Text that means harm in a database, a spreadsheet or a page. */
    private static final List<String> INJECTIONS = List.of("'; DROP TABLE gifts;--", "1 OR 1=1", "=HYPERLINK(\"http://evil.example\")",
            "+cmd|' /C calc'!A0", "<script>alert(1)</script>", "{{7*7}}${7*7}", "../../../etc/passwd", "\u0000");
    /** What stands in a path where an id belongs. */
    private static final List<String> BAD_IDS = List.of("not-a-uuid", "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1--",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%3D1%2B1", "x".repeat(300), "00000000-0000-0000-0000-00000000000g");
    /** Routes of the test sources (a fake GoCardless, a probe of the client), not of the service. */
    private static final List<String> TEST_STAND_INS = List.of("/gocardless-fake", "/api/fundraising/test-probe");
    private static final String HOSTILE_BEARER = "hostile-bearer-7f3a9c";
    private static final String HOSTILE_QUERY_TOKEN = "hostile-query-token-91be";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<Integer, Integer> statuses = new TreeMap<>();
    private final List<String> wrong = new ArrayList<>();
    private final Map<String, Long> writes = new TreeMap<>();
    private int sent;

    @Test
    void everyRouteRefusesHostileInputWithA4xxAndWritesNothing() throws Exception {
        JsonNode openapi = JSON.readTree(RestAssured.given().queryParam("format", "json").get("/q/openapi").asString());
        EmulatorControl.reset();
        EmulatorControl.clearStats();
        int operations = 0;
        for (boolean lenient : new boolean[]{false, true}) {
            for (Iterator<Map.Entry<String, JsonNode>> paths = openapi.path("paths").fields(); paths.hasNext(); ) {
                Map.Entry<String, JsonNode> path = paths.next();
                if (TEST_STAND_INS.stream().anyMatch(path.getKey()::startsWith)) {
                    continue;
                }
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (lenient) {
                        probe(path.getKey(), op.getKey().toUpperCase(), op.getValue());
                    } else {
                        operations++;
                        attack(path.getKey(), op.getKey().toUpperCase(), op.getValue(), openapi);
                    }
                }
            }
            if (!lenient) {
                writes.putAll(EmulatorControl.callsByRoute());
                writes.keySet().removeIf(route -> route.startsWith("GET "));
            }
        }
        System.out.println("hostile input: " + sent + " requests over " + operations + " operations, answers " + statuses
                + ", writes to Twenty " + writes);
        assertTrue(operations >= 60 && sent > 2_000, operations + " operations, " + sent + " requests");
        assertTrue(wrong.isEmpty(), wrong.size() + " answers were not a 4xx in the error shape:\n"
                + String.join("\n", wrong.subList(0, Math.min(25, wrong.size()))));
        assertEquals(Map.of(), writes, "hostile input reached Twenty as a write");
        assertFalse(statuses.keySet().stream().anyMatch(status -> status >= 500), "a 5xx: " + statuses);

        String logs = LogLines.raw();
        assertFalse(logs.contains(HOSTILE_BEARER), "a bearer token reached the logs");
        assertFalse(logs.contains(HOSTILE_QUERY_TOKEN), "a token= parameter reached the logs");
        assertFalse(logs.contains(EmulatorControl.KEY), "the Twenty key reached the logs");
    }

    private void attack(String template, String method, JsonNode operation, JsonNode openapi) throws Exception {
        boolean hasPathIds = template.contains("{");
        String path = template.replaceAll("\\{[^}]+}", "5f0c6c1e-8e9b-4b4e-9d51-1a2b3c4d5e6f");
        JsonNode content = operation.path("requestBody").path("content");
        boolean json = content.has("application/json");
        boolean takesBody = content.size() > 0;
        String validShape = json ? "{}" : takesBody ? "x" : null;

        if (hasPathIds) {
            for (String id : BAD_IDS) {
                expect4xx(method, template.replaceAll("\\{[^}]+}", id), validShape, "application/json");
            }
        }
        if (json) {
            JsonNode schema = resolved(content.path("application/json").path("schema"), openapi);
            for (String body : malformedBodies()) {
                // A body whose every field is optional may be left out, and JSON's null says just that.
                if (!body.equals("null") || schema.has("required")) {
                    expect4xx(method, path, body, "application/json");
                }
            }
            byte[] invalidUtf8 = concat("{\"name\":\"".getBytes(StandardCharsets.UTF_8), new byte[]{(byte) 0xC3, 0x28, (byte) 0xFF},
                    "\"}".getBytes(StandardCharsets.UTF_8));
            expect4xx(method, path, invalidUtf8, "application/json");
            for (Map.Entry<String, String> field : wrongTypes(content.path("application/json").path("schema"), openapi).entrySet()) {
                expect4xx(method, path, "{\"" + field.getKey() + "\":" + field.getValue() + "}", "application/json");
            }
            expect4xx(method, path, "{}", "text/plain");
            expect4xx(method, path, "<gift><amount>1</amount></gift>", "application/xml");
            expect4xx(method, path, "amount=1", "application/x-www-form-urlencoded");
        }
        if (takesBody) {
            expect4xx(method, path, "{\"pad\":\"" + "a".repeat(11 * 1024 * 1024) + "\"}", json ? "application/json" : "text/csv");
        }
        if (content.has("text/csv")) {
            expect4xx(method, path, "{\"not\":\"csv\"}", "application/json");
            expect4xx(method, path, concat(new byte[]{(byte) 0xFF, (byte) 0xFE, 0, 0}, "amount\n=1+1\n".getBytes(StandardCharsets.UTF_8)), "text/csv");
        }
    }

    /**
     * Requests that are fair in form but carry hostile text in a query, a token where tokens do not belong, or a
     * made-up bearer: a list may be searched for any text (a 200 then is a fair answer); nothing may fail or leak.
     */
    private void probe(String template, String method, JsonNode operation) throws Exception {
        String path = template.replaceAll("\\{[^}]+}", "5f0c6c1e-8e9b-4b4e-9d51-1a2b3c4d5e6f");
        JsonNode content = operation.path("requestBody").path("content");
        String validShape = content.has("application/json") ? "{}" : content.size() > 0 ? "x" : null;
        for (JsonNode parameter : operation.path("parameters")) {
            if (!"query".equals(parameter.path("in").asText())) {
                continue;
            }
            for (String value : INJECTIONS) {
                String query = parameter.path("name").asText() + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
                answer(method, path + "?" + query, validShape, "application/json", !"GET".equals(method));
            }
            answer(method, path + "?" + parameter.path("name").asText() + "=" + "9".repeat(5000), validShape, "application/json",
                    !"GET".equals(method));
        }
        answer(method, path + "?token=" + HOSTILE_QUERY_TOKEN, validShape, "application/json", false);
        if (template.startsWith("/api/fundraising/") && !template.contains("/webhooks/")) {
            answer(method, path, validShape, "application/json", true, HOSTILE_BEARER);
        }
    }

    /** Bodies no route accepts: the wrong root type, truncated, unknown fields, too deep, too big. */
    private static List<String> malformedBodies() {
        List<String> bodies = new ArrayList<>(List.of("[]", "\"a gift\"", "42", "null", "true", "{\"amount\":", "{'amount':1}",
                "{\"zzNoSuchField\":1}", "{\"amount\":{\"amountMicros\":1,\"currencyCode\":\"GBP\"},\"zzNoSuchField\":\"x\"}"));
        bodies.add("{\"a\":".repeat(200) + "1" + "}".repeat(200));
        bodies.add("[".repeat(5_000) + "]".repeat(5_000));
        bodies.add("{\"zzList\":[" + "0,".repeat(200_000) + "0]}");
        bodies.add("{\"zzText\":\"" + "\\u0041".repeat(200_000) + "\"}");
        return bodies;
    }

    /** Each property of the body's schema holding a value of the wrong JSON type, harmful text where text is not wanted. */
    private static Map<String, String> wrongTypes(JsonNode schema, JsonNode openapi) {
        JsonNode resolved = resolved(schema, openapi);
        Map<String, String> fields = new LinkedHashMap<>();
        int i = 0;
        for (Iterator<Map.Entry<String, JsonNode>> properties = resolved.path("properties").fields(); properties.hasNext(); i++) {
            Map.Entry<String, JsonNode> property = properties.next();
            if ("object".equals(property.getValue().path("type").asText()) && !property.getValue().has("properties")) {
                continue;  // a field of free JSON (a note for other systems): any JSON value is its content
            }
            String injection = JSON.valueToTree(INJECTIONS.get(i % INJECTIONS.size())).toString();
            String value = switch (property.getValue().path("type").asText("object")) {
                case "string" -> property.getValue().has("enum") || property.getValue().has("format")
                        || property.getValue().has("pattern") ? injection : "{\"$gt\":\"\"}";
                case "integer", "number", "boolean" -> injection;
                case "array" -> injection;
                default -> injection.startsWith("\"") ? injection : "\"" + injection + "\"";
            };
            fields.put(property.getKey(), value);
        }
        return fields;
    }

    private static JsonNode resolved(JsonNode schema, JsonNode openapi) {
        return schema.has("$ref") ? openapi.at(schema.path("$ref").asText().substring(1)) : schema;
    }

    private void expect4xx(String method, String path, Object body, String contentType) throws Exception {
        answer(method, path, body, contentType, true);
    }

    /** Sends the request and notes an answer that is a 5xx, not in the error shape, or (when {@code refuse}) not a 4xx. */
    private void answer(String method, String path, Object body, String contentType, boolean refuse) throws Exception {
        answer(method, path, body, contentType, refuse, EmulatorControl.KEY);
    }

    private void answer(String method, String path, Object body, String contentType, boolean refuse, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            byte[] bytes = body instanceof byte[] raw ? raw : ((String) body).getBytes(StandardCharsets.UTF_8);
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
        }
        int status;
        String text;
        try {
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            status = answer.statusCode();
            text = answer.body();
        } catch (IOException closed) {
            // The server may close a connection that sends megabytes past the limit: only the oversized case does.
            if (body instanceof String s && s.length() > 10 * 1024 * 1024) {
                statuses.merge(413, 1, Integer::sum);
                sent++;
                return;
            }
            throw closed;
        }
        sent++;
        statuses.merge(status, 1, Integer::sum);
        boolean errorShape = text.contains("\"statusCode\":" + status) && text.contains("\"message\"");
        boolean ok = status < 500 && (status < 400 || errorShape) && (!refuse || status >= 400);
        if (!ok) {
            String shown = body == null ? "" : body instanceof byte[] ? " <bytes>" : " " + abbreviate((String) body);
            wrong.add(method + " " + abbreviate(path) + " [" + contentType + "]" + shown + " → " + status + " " + abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "…" : text;
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
