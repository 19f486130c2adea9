package org.fundraising.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/**
 * The smoke flows' view of a deployment: the fundraising API under {@code <base>/api/fundraising} with a bearer
 * token, as a client of the service would call it. A command on its own thread, so plain blocking calls.
 */
final class SmokeClient {

    /** One answer: its status and its JSON body (missing when the body is not JSON). */
    record Answer(int status, JsonNode body) {
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final ObjectMapper json;
    private final String base;
    private final String token;

    SmokeClient(ObjectMapper json, String base, String token) {
        this.json = json;
        this.base = base.replaceAll("/+$", "");
        this.token = token;
    }

    String base() {
        return base;
    }

    Answer get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Answer post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Answer patch(String path, Object body) throws IOException, InterruptedException {
        return send("PATCH", path, body);
    }

    Answer delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }

    /** The service's Prometheus text, for the ledger; empty when the deployment does not expose it. */
    String metrics() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? answer.body() : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private Answer send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/api/fundraising" + path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("x-request-id", "smoke-" + UUID.randomUUID());
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = answer.body().isBlank() ? MissingNode.getInstance() : json.readTree(answer.body());
        } catch (IOException notJson) {
            parsed = MissingNode.getInstance();
        }
        return new Answer(answer.statusCode(), parsed);
    }
}
