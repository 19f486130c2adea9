package org.fundraising.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/** JSON over HTTP with one bearer key, for integration tests that drive packaged processes. */
public final class HttpJson {

    private final ObjectMapper json = new ObjectMapper();
    // HTTP/1.1, as a gateway speaks to the service (an HTTP/2 POST with no body trips a Quarkus REST bug: 500).
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final String key;

    public HttpJson(String key) {
        this.key = key;
    }

    /** The answer of any status. */
    public HttpResponse<String> exchange(String method, String url, Object body) throws Exception {
        return http.send(request(method, url, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A text body of {@code contentType} sent; the answer of any status. */
    public HttpResponse<String> exchangeText(String method, String url, String body, String contentType) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .header("Content-Type", contentType).timeout(Duration.ofMinutes(10))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a 2xx answer; anything else fails the test. */
    public JsonNode send(String method, String url, Object body) throws Exception {
        HttpResponse<String> answer = exchange(method, url, body);
        if (answer.statusCode() >= 300) {
            throw new AssertionError(method + " " + url + " → " + answer.statusCode() + " " + answer.body());
        }
        return read(answer.body());
    }

    /** A stream of Server-Sent Events, read whole once it ends. */
    public CompletableFuture<HttpResponse<String>> events(String url) {
        return http.sendAsync(request("GET", url, null).header("Accept", "text/event-stream").timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public JsonNode read(String body) throws Exception {
        return body.isBlank() ? json.createObjectNode() : json.readTree(body);
    }

    /** A gift batch in the emulator at {@code rest}, with {@code rows} rows from {@code donor} staged into it, 60 to a call. */
    public String stagedBatch(String rest, String donor, int rows) throws Exception {
        String batch = send("POST", rest + "/giftBatches", Map.of("name", "Deposit", "status", "open"))
                .path("data").path("createGiftBatch").path("id").asText();
        List<Map<String, Object>> chunk = new ArrayList<>();
        for (int i = 1; i <= rows; i++) {
            chunk.add(Map.of("id", UUID.randomUUID().toString(), "giftBatchId", batch, "donorId", donor,
                    "processingStatus", "pending", "giftDate", "2026-11-20",
                    "amount", Map.of("amountMicros", i * 1_000_000L, "currencyCode", "GBP")));
            if (chunk.size() == 60 || i == rows) {
                send("POST", rest + "/batch/giftStagings", chunk);
                chunk = new ArrayList<>();
            }
        }
        return batch;
    }

    /** How many records of {@code plural} the emulator at {@code rest} holds that match {@code filter} (null: all). */
    public int count(String rest, String plural, String filter) throws Exception {
        String query = filter == null ? "" : "&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8);
        return send("GET", rest + "/" + plural + "?limit=1" + query, null).path("totalCount").asInt();
    }

    private HttpRequest.Builder request(String method, String url, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        try {
            return body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                    : request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        } catch (Exception e) {
            throw new IllegalArgumentException("cannot write the body", e);
        }
    }
}
