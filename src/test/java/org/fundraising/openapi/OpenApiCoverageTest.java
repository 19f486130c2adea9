package org.fundraising.openapi;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code /q/openapi} is documentation clients rely on: every operation says what its success answer holds and,
 * when it takes a JSON body, what the body holds.
 */
@QuarkusTest
class OpenApiCoverageTest {

    @Test
    void everyOperationDocumentsItsBodies() {
        JsonPath doc = given().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> undocumented = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            // The test profile's own probe routes are not the service's API.
            if (!List.of("get", "post", "put", "patch", "delete").contains(method) || path.contains("/test-")) {
                return;
            }
            String name = method.toUpperCase() + " " + path;
            JsonPath op = new JsonPath(doc.prettify()).setRootPath("paths.'" + path + "'." + method);
            Map<String, Map<String, Object>> responses = op.getMap("responses");
            boolean success = responses.entrySet().stream().anyMatch(entry -> entry.getKey().startsWith("2")
                    && (entry.getValue().get("content") == null ? "204".equals(entry.getKey()) || "202".equals(entry.getKey())
                    : hasSchema(entry.getValue().get("content"))));
            if (!success) {
                undocumented.add(name + " success");
            }
            Object body = operation.get("requestBody");
            if (body instanceof Map<?, ?> request && request.get("content") instanceof Map<?, ?> content
                    && content.containsKey("application/json") && !hasSchema(content)) {
                undocumented.add(name + " request");
            }
        }));
        assertEquals(List.of(), undocumented);
    }

    private static boolean hasSchema(Object content) {
        if (!(content instanceof Map<?, ?> types)) {
            return false;
        }
        return types.values().stream().allMatch(type -> type instanceof Map<?, ?> media && media.get("schema") instanceof Map<?, ?> schema
                && (schema.containsKey("$ref") || schema.containsKey("properties") || schema.containsKey("oneOf")
                || schema.containsKey("items") || schema.containsKey("additionalProperties") || "string".equals(schema.get("type"))));
    }
}
