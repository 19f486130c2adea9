package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.fundraising.twenty.schema.FundraisingSchema;
import org.fundraising.twenty.schema.TwentyObjectSpec;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays every exchange recorded with a real Twenty 2.21 ({@code ../shared/twenty/real-2.21/*.json}) against the
 * embedded emulator, in the order they were recorded, and compares status, content type, error shape and message,
 * and body shape (keys and value types; ids, timestamps and other values may differ). A recording added to the
 * folder is replayed without new code here: what a request needs is made from the recordings themselves (the
 * people they list, the webhooks they show), and a request of a kind below (a refused key, a rate limit, a webhook
 * delete) is prepared by kind, not by file.
 */
@QuarkusTest
class RecordedExchangesTest {

    static final Path RECORDINGS = Path.of("..", "shared", "twenty", "real-2.21");

    /**
     * The recording workspace's object ids that requests name. Its metadata list is trimmed, so which object an id
     * is shows only in use: {@code rtProbeNote} (03) lands on people, {@code household} (02) points at households.
     */
    private static final Map<String, String> RECORDED_OBJECT_IDS = Map.of(
            "57eeb781-d428-4604-b624-fd70c2f4e507", "person",
            "59c7d6f1-fa9e-4108-b6cc-f63f07f3d18d", "household");

    /** People the recording workspace had (1,201): enough here for a read of 500 to be cut at 200, as there. */
    private static final int PEOPLE = 250;

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static List<Path> recordings() throws IOException {
        assertTrue(Files.isDirectory(RECORDINGS), "the recordings are expected beside the project: " + RECORDINGS.toAbsolutePath());
        try (Stream<Path> files = Files.list(RECORDINGS)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedRequestIsAnsweredAsTwentyDid() throws IOException {
        List<Path> files = recordings();
        List<JsonNode> recorded = new ArrayList<>();
        for (Path file : files) {
            recorded.add(JSON.readTree(file.toFile()));
        }
        EmulatorControl.reset();
        EmulatorControl.throttle(0, false);
        seed(recorded);
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            JsonNode exchange = recorded.get(i);
            if (!exchange.path("method").asText().matches("GET|POST|PATCH|PUT|DELETE")) {
                continue; // an outbound delivery from Twenty: RecordedWebhookDeliveryTest compares those
            }
            tests.add(DynamicTest.dynamicTest(files.get(i).getFileName().toString(), () -> replay(exchange)));
        }
        return tests.stream();
    }

    /**
     * Twenty's outbound deliveries, recorded at a sink (their record trimmed to a few keys): the emulator's delivery
     * of the same event has the same envelope, at least the recorded record's keys, and the same signature scheme.
     */
    @TestFactory
    Stream<DynamicTest> everyRecordedDeliveryIsSentAsTwentySendsIt() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : recordings()) {
            JsonNode exchange = JSON.readTree(file.toFile());
            if (exchange.path("method").asText().startsWith("POST (outbound")) {
                tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> delivered(exchange)));
            }
        }
        return tests.stream();
    }

    private void delivered(JsonNode exchange) throws Exception {
        EmulatorControl.reset();
        EmulatorControl.throttle(0, false);
        WebhookSinkResource.RECEIVED.clear();
        JsonNode recorded = exchange.get("body");
        String eventName = recorded.path("eventName").asText();
        String object = eventName.substring(0, eventName.indexOf('.'));
        String plural = FundraisingSchema.bySingular(object).orElseThrow().plural();
        String sink = "http://localhost:" + RestAssured.port + "/test-webhook-sink";
        RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json")
                .body(Map.of("targetUrl", sink, "operations", List.of(eventName), "secret", "whsec-recorded"))
                .post(EmulatorControl.REST + "/metadata/webhooks").then().statusCode(201);
        String id = RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(Map.of("name", "x"))
                .post(EmulatorControl.REST + "/" + plural).then().statusCode(201).extract().path("data.create"
                        + Character.toUpperCase(object.charAt(0)) + object.substring(1) + ".id");
        Map<String, Object> change = new HashMap<>();
        recorded.path("updatedFields").forEach(field -> change.put(field.asText(), "changed"));
        RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(change)
                .patch(EmulatorControl.REST + "/" + plural + "/" + id).then().statusCode(200);

        WebhookSinkResource.Delivery delivery = WebhookSinkResource.RECEIVED.poll(5, java.util.concurrent.TimeUnit.SECONDS);
        assertTrue(delivery != null, "the emulator delivered " + eventName);
        JsonNode sent = JSON.readTree(delivery.body());
        List<String> differences = new ArrayList<>();
        JsonNode envelope = recorded.deepCopy();
        ((ObjectNode) envelope).remove("record");
        JsonNode sentEnvelope = sent.deepCopy();
        ((ObjectNode) sentEnvelope).remove("record");
        Shapes.compare("delivery", envelope, sentEnvelope, Set.of(), differences);
        recorded.path("record").fieldNames().forEachRemaining(key -> {
            if (!sent.path("record").has(key)) {
                differences.add("delivery.record." + key + ": missing");
            }
        });
        assertTrue(differences.isEmpty(), eventName + " delivery differs from Twenty 2.21:\n  " + String.join("\n  ", differences));
        exchange.path("requestHeaders").fieldNames().forEachRemaining(header -> {
            if (header.startsWith("X-Twenty-Webhook-")) {
                assertTrue(delivery.timestamp() != null && delivery.signature() != null && delivery.nonce() != null,
                        "Twenty sends " + header);
            }
        });
        assertEquals(exchange.path("requestHeaders").path("X-Twenty-Webhook-Timestamp").asText().length(),
                delivery.timestamp().length(), "the timestamp is in milliseconds, as Twenty's");
        assertEquals(EmulatorWebhooks.sign("whsec-recorded", delivery.timestamp() + ":" + delivery.body()), delivery.signature(),
                "signed HMAC-SHA256(secret, timestamp + ':' + body), hex");
    }

    private void replay(JsonNode exchange) throws Exception {
        int status = exchange.path("status").asInt();
        String method = exchange.path("method").asText();
        String path = exchange.path("path").asText();
        String key = EmulatorControl.KEY;
        if (status == 401) {
            key = "a-key-this-workspace-never-issued";
        }
        if (status == 429) {
            exhaustTheRateLimit();
        }
        if ("DELETE".equals(method) && path.matches("/rest/(metadata/)?webhooks/[0-9a-f-]{36}")) {
            path = path.substring(0, path.lastIndexOf('/') + 1) + registerWebhook();
        }
        String body = exchange.path("requestBody").isNull() ? null : objectIdsOfThisWorkspace(exchange.get("requestBody").toString());
        HttpResponse<String> answer = send(method, path, body, key);
        EmulatorControl.throttle(0, false);

        String name = method + " " + path;
        assertEquals(status, answer.statusCode(), name + " answered " + answer.body());
        String recordedType = exchange.path("headers").path("content-type").asText("");
        if (!recordedType.isEmpty()) {
            assertEquals(mediaType(recordedType), mediaType(answer.headers().firstValue("content-type").orElse("")),
                    name + ": content type");
        }
        if (!exchange.path("headers").has("retry-after")) {
            assertFalse(answer.headers().firstValue("retry-after").isPresent(), name + ": Twenty sent no Retry-After");
        }
        JsonNode expected = exchange.get("body");
        JsonNode actual = JSON.readTree(answer.body());
        List<String> differences = new ArrayList<>();
        Shapes.compare("body", expected, actual, Shapes.fundraisingNames(), differences);
        if (status >= 400) {
            assertEquals(expected.path("error").asText(), actual.path("error").asText(), name + ": error");
            assertEquals(Shapes.normalised(reasons(expected)), Shapes.normalised(reasons(actual)), name + ": messages");
        }
        assertTrue(differences.isEmpty(), name + " differs from Twenty 2.21:\n  " + String.join("\n  ", differences));
    }

    /** The error messages, nested metadata reasons included. */
    private static List<String> reasons(JsonNode body) {
        List<String> reasons = new ArrayList<>();
        body.path("messages").forEach(message -> reasons.add(message.asText()));
        body.path("errors").forEach(kind -> kind.forEach(entry -> entry.path("errors")
                .forEach(reason -> reasons.add(reason.path("message").asText()))));
        if (body.has("message")) {
            reasons.add(body.get("message").asText());
        }
        return reasons;
    }

    /**
     * What the recorded requests found in their workspace: the people their reads returned (the seeded demo people,
     * Ada and her additional emails), each with the values Twenty lets a client write, then more people up to the
     * recorded workspace's size; the webhooks their lists showed. People a recorded request creates are left to it.
     */
    private void seed(List<JsonNode> recorded) {
        Set<String> createdByRequests = new HashSet<>();
        for (JsonNode exchange : recorded) {
            JsonNode body = exchange.path("requestBody");
            if ("POST".equals(exchange.path("method").asText())) {
                (body.isArray() ? body : JSON.createArrayNode().add(body))
                        .forEach(record -> createdByRequests.add(record.path("id").asText()));
            }
        }
        TwentyObjectSpec person = FundraisingSchema.PERSON;
        Set<String> writable = new HashSet<>(Set.of("name", "emails", "jobTitle", "phones", "linkedinLink", "avatarUrl"));
        writable.addAll(person.fields().stream().map(TwentyObjectSpec.Field::name).toList());
        Map<String, ObjectNode> people = new LinkedHashMap<>();
        for (JsonNode exchange : recorded) {
            if (!exchange.path("path").asText().startsWith("/rest/people") && !exchange.path("path").asText().startsWith("/rest/gifts")) {
                continue;
            }
            List<JsonNode> found = new ArrayList<>(exchange.path("body").path("data").path("people").findParents("emails"));
            found.addAll(exchange.path("body").findValues("donor"));
            for (JsonNode record : found) {
                String id = record.path("id").asText("");
                if (id.isEmpty() || createdByRequests.contains(id) || !record.has("emails")) {
                    continue;
                }
                ObjectNode input = JSON.createObjectNode().put("id", id);
                record.fields().forEachRemaining(field -> {
                    if (writable.contains(field.getKey())) {
                        input.set(field.getKey(), field.getValue());
                    }
                });
                people.merge(id, input, (earlier, later) -> later);
            }
        }
        for (int i = people.size(); i < PEOPLE; i++) {
            String id = String.format("00000000-0000-4000-8000-%012d", i);
            ObjectNode input = JSON.createObjectNode().put("id", id);
            input.putObject("name").put("firstName", "Seeded").put("lastName", "Person " + i);
            input.putObject("emails").put("primaryEmail", "seeded." + i + "@example.org");
            people.put(id, input);
        }
        List<ObjectNode> all = new ArrayList<>(people.values());
        for (int from = 0; from < all.size(); from += 60) {
            ArrayNode chunk = JSON.createArrayNode().addAll(all.subList(from, Math.min(all.size(), from + 60)));
            RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(chunk.toString())
                    .post(EmulatorControl.REST + "/batch/people?upsert=true").then().statusCode(201);
        }
        for (JsonNode exchange : recorded) {
            if (exchange.path("path").asText().matches("/rest/(metadata/)?webhooks") && exchange.path("body").isArray()) {
                exchange.get("body").forEach(webhook -> {
                    ObjectNode input = JSON.createObjectNode().put("targetUrl", webhook.path("targetUrl").asText())
                            .put("secret", webhook.path("secret").asText()).put("description", webhook.path("description").asText());
                    input.putArray("operations").add("gift.updated");
                    RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json").body(input.toString())
                            .post(EmulatorControl.REST + "/metadata/webhooks").then().statusCode(201);
                });
                return;
            }
        }
    }

    /** Twenty's limit is 100 calls a minute per key; the emulator's throttle is set to it and spent. */
    private void exhaustTheRateLimit() throws Exception {
        EmulatorControl.throttle(100, false);
        for (int i = 0; i < 200; i++) {
            if (send("GET", "/rest/people?limit=1", null, EmulatorControl.KEY).statusCode() == 429) {
                return;
            }
        }
        throw new AssertionError("the emulator's throttle never answered 429");
    }

    private String registerWebhook() {
        return RestAssured.given().auth().oauth2(EmulatorControl.KEY).contentType("application/json")
                .body(Map.of("targetUrl", "http://127.0.0.1:9/sink", "operations", List.of("gift.updated"), "secret", "s"))
                .post(EmulatorControl.REST + "/metadata/webhooks").then().statusCode(201).extract().path("id");
    }

    /** The recording workspace's object ids in a request body, replaced by this emulator's ids for those objects. */
    private static String objectIdsOfThisWorkspace(String body) {
        if (RECORDED_OBJECT_IDS.keySet().stream().noneMatch(body::contains)) {
            return body;
        }
        Map<String, String> ids = new HashMap<>();
        List<Map<String, Object>> objects = RestAssured.given().auth().oauth2(EmulatorControl.KEY)
                .get(EmulatorControl.REST + "/metadata/objects").then().statusCode(200).extract().jsonPath().getList("data.objects");
        objects.forEach(object -> ids.put((String) object.get("nameSingular"), (String) object.get("id")));
        String replaced = body;
        for (Map.Entry<String, String> recorded : RECORDED_OBJECT_IDS.entrySet()) {
            replaced = replaced.replace(recorded.getKey(), ids.get(recorded.getValue()));
        }
        return replaced;
    }

    private HttpResponse<String> send(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port
                        + "/twenty-emulator" + Shapes.uriSafe(path)))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String mediaType(String contentType) {
        return contentType.split(";")[0].trim().toLowerCase();
    }
}
