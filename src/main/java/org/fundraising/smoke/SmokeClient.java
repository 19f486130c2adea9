package org.fundraising.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.smallrye.mutiny.unchecked.UncheckedSupplier;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

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
    private final String metricsUrl;

    SmokeClient(ObjectMapper json, String base, String token, String metricsUrl) {
        this.json = json;
        this.base = base.replaceAll("/+$", "");
        this.token = token;
        this.metricsUrl = metricsUrl;
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

    /** A CSV upload, as a gift processor sends one (a big file waits on the gate: minutes, not seconds). */
    Answer postCsv(String path, String csv) throws IOException, InterruptedException {
        return answer(request(base + "/api/fundraising" + path, Duration.ofMinutes(5)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    /** A provider's delivery to a webhook route: no token, the signature header, the body byte for byte. */
    Answer deliver(String path, String body, String signatureHeader, String signature) throws IOException, InterruptedException {
        return answer(HttpRequest.newBuilder(URI.create(base + "/api/fundraising" + path)).timeout(TIMEOUT)
                .header("Content-Type", "application/json").header(signatureHeader, signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** A call outside the fundraising API (the embedded emulator's controls), with the same token. */
    Answer sendOutside(String method, String path, Object body) throws IOException, InterruptedException {
        return exchange(base + path, method, body);
    }

    /**
     * Follows a run's Server-Sent Events to their end and answers the last snapshot: the stream ends when the run
     * does, so this waits without polling.
     */
    JsonNode lastEvent(String path) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> stream = http.send(request(base + "/api/fundraising" + path, Duration.ofMinutes(30))
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        JsonNode last = MissingNode.getInstance();
        for (String line : (Iterable<String>) stream.body()::iterator) {
            if (line.startsWith("data:")) {
                last = json.readTree(line.substring("data:".length()).trim());
            }
        }
        return last;
    }

    String metricsUrl() {
        return metricsUrl;
    }

    /** The service's Prometheus text from its management port, for the ledger; empty when it cannot be reached. */
    String metrics() {
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(metricsUrl)).timeout(TIMEOUT).build(),
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
        return exchange(base + "/api/fundraising" + path, method, body);
    }

    /** Every request carries the token and a request id of its own, so the smoke's calls are found in the logs. */
    private HttpRequest.Builder request(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("x-request-id", "smoke-" + UUID.randomUUID());
    }

    private Answer exchange(String url, String method, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(url, TIMEOUT);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return answer(request.build());
    }

    private Answer answer(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode parsed;
        try {
            parsed = answer.body().isBlank() ? MissingNode.getInstance() : json.readTree(answer.body());
        } catch (IOException notJson) {
            parsed = MissingNode.getInstance();
        }
        return new Answer(answer.statusCode(), parsed);
    }

    /**
     * What {@code look} answers, asked every {@code every} until it answers something {@code wanted} (null counts as
     * nothing yet), for {@code within} at most: the wait for work the service does after answering (the gifts go
     * into Twenty at the gate's pace). Empty when time ran out.
     */
    static Optional<JsonNode> lookUntil(Duration every, Duration within, UncheckedSupplier<JsonNode> look,
                                        Predicate<JsonNode> wanted) {
        JsonNode found = Multi.createFrom().ticks().every(every)
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(Unchecked.supplier(look))
                        .onItem().ifNull().continueWith(MissingNode::getInstance))
                .select().where(answer -> !answer.isMissingNode() && wanted.test(answer)).toUni()
                .ifNoItem().after(within).recoverWithItem(MissingNode::getInstance)
                .await().atMost(within.plus(every));
        return found.isMissingNode() ? Optional.empty() : Optional.of(found);
    }
}
