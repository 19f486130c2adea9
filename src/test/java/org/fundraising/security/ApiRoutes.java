package org.fundraising.security;

import io.restassured.path.json.JsonPath;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * The fundraising API's operations as the service's own OpenAPI document lists them, so that the security tables
 * cover every route, including ones added later, without being edited.
 */
final class ApiRoutes {

    static final String PREFIX = "/api/fundraising";

    /** One operation: method, concrete path (path parameters filled with UUIDs), whether it takes a body. */
    record Operation(String method, String template, String path, boolean hasBody, List<String> queryParameters) {
        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    private static final Set<String> OPEN_RECEIVERS = Set.of(PREFIX + "/webhooks/stripe", PREFIX + "/webhooks/gocardless",
            PREFIX + "/webhooks/twenty");

    private ApiRoutes() {
    }

    @SuppressWarnings("unchecked")
    static List<Operation> protectedOperations() {
        JsonPath openapi = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Object>> paths = openapi.getMap("paths");
        List<Operation> out = new ArrayList<>();
        paths.forEach((template, operations) -> {
            // The providers' receivers are open by design (they prove themselves by signature); the event list is not.
            if (!template.startsWith(PREFIX + "/") || OPEN_RECEIVERS.contains(template)) {
                return;
            }
            String path = template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            operations.forEach((method, raw) -> {
                Map<String, Object> operation = (Map<String, Object>) raw;
                List<String> query = new ArrayList<>();
                Object parameters = operation.get("parameters");
                if (parameters instanceof List<?> list) {
                    for (Object parameter : list) {
                        Map<String, Object> p = (Map<String, Object>) parameter;
                        if ("query".equals(p.get("in"))) {
                            query.add(String.valueOf(p.get("name")));
                        }
                    }
                }
                out.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), template, path,
                        operation.containsKey("requestBody"), query));
            });
        });
        if (out.size() < 30) {
            throw new AssertionError("the OpenAPI document lists only " + out.size() + " API operations");
        }
        return out;
    }
}
