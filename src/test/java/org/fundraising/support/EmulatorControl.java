package org.fundraising.support;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import java.util.Map;

import static io.restassured.RestAssured.given;

/** The emulator's control routes, as tests use them. */
public final class EmulatorControl {

    public static final String KEY = "local-dev-key";
    public static final String REST = "/twenty-emulator/rest";

    private EmulatorControl() {
    }

    /** A request to a control route: they need the emulator's key. */
    public static io.restassured.specification.RequestSpecification control() {
        return given().auth().oauth2(KEY);
    }

    public static void reset() {
        control().post("/twenty-emulator/_reset").then().statusCode(200);
    }

    public static void fault(Map<String, Object> fault) {
        control().contentType(ContentType.JSON).body(fault).post("/twenty-emulator/_faults").then().statusCode(200);
    }

    public static void throttle(int ratePerMinute, boolean retryAfter) {
        control().contentType(ContentType.JSON).body(Map.of("ratePerMinute", ratePerMinute, "retryAfter", retryAfter))
                .post("/twenty-emulator/_throttle").then().statusCode(200);
    }

    /** The most records one call reads or writes, until the next reset (60 by default, 200 in Twenty's source). */
    public static void queryMaxRecords(int max) {
        control().contentType(ContentType.JSON).body(Map.of("queryMaxRecords", max))
                .post("/twenty-emulator/_limits").then().statusCode(200);
    }

    public static JsonPath stats() {
        return control().get("/twenty-emulator/_stats").then().statusCode(200).extract().jsonPath();
    }

    /** The query parameters of the last request to {@code method path} (e.g. "GET", "/rest/giftPayouts"). */
    @SuppressWarnings("unchecked")
    public static Map<String, String> lastQuery(String method, String path) {
        java.util.List<Map<String, Object>> requests = control().get("/twenty-emulator/_requests").then().statusCode(200)
                .extract().jsonPath().getList("");
        for (int i = requests.size() - 1; i >= 0; i--) {
            Map<String, Object> request = requests.get(i);
            if (method.equals(request.get("method")) && path.equals(request.get("path"))) {
                return (Map<String, String>) request.get("query");
            }
        }
        throw new AssertionError("no " + method + " " + path + " reached the emulator");
    }

    public static long calls(String route) {
        Object value = stats().getMap("byRoute").get(route);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Restarts the call counts (records stay). */
    public static void clearStats() {
        control().delete("/twenty-emulator/_stats").then().statusCode(200);
    }

    public static void clearFaults() {
        control().delete("/twenty-emulator/_faults").then().statusCode(200);
    }

    /** Calls per route since the counts were last restarted, e.g. {@code {"POST /rest/gifts": 1}}. */
    public static Map<String, Long> callsByRoute() {
        Map<String, Long> out = new java.util.TreeMap<>();
        stats().getMap("byRoute").forEach((route, count) -> out.put(String.valueOf(route), ((Number) count).longValue()));
        return out;
    }

    public static int records(String plural) {
        Object value = stats().getMap("records").get(plural);
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** Creates a record straight in the emulator (a fixture, not through the service); answers its id. */
    public static String create(String plural, Object record) {
        return given().auth().oauth2(KEY).contentType(ContentType.JSON).body(record).post(REST + "/" + plural)
                .then().statusCode(201).extract().path("data.values().find { true }.id");
    }

    public static JsonPath get(String plural, String id) {
        return given().auth().oauth2(KEY).get(REST + "/" + plural + "/" + id).then().statusCode(200).extract().jsonPath();
    }
}
