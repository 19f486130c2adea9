package org.fundraising.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The harness's clients, as the service's real ones behave: a request the service could not finish (no answer
 * while it restarts, a 503 while Twenty is down, a 409 while the same Idempotency-Key is in flight) is sent again,
 * unchanged, after the pause its {@code Retry-After} asks for, until it is answered for good. Every answer's status
 * is tallied.
 */
final class Driver {

    /** What came back: {@code status} -1 when there was no answer (connection refused or cut). */
    record Answer(int status, JsonNode body, long retryAfterSeconds) {
        Answer(int status, JsonNode body) {
            this(status, body, 0);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();
    private final String base;
    private final String token;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong resends = new AtomicLong();
    private final long deadline;

    Driver(String base, String token, Duration patience) {
        this.base = base;
        this.token = token;
        this.deadline = System.nanoTime() + patience.toNanos();
    }

    Answer once(String method, String path, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
        headers.forEach(request::header);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Answer answer;
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            answer = new Answer(response.statusCode(), response.body().isBlank() ? JSON.createObjectNode() : readOrText(response.body()),
                    response.headers().firstValueAsLong("Retry-After").orElse(0));
        } catch (IOException e) {
            answer = new Answer(-1, JSON.createObjectNode().put("message", String.valueOf(e)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        statuses.computeIfAbsent(answer.status(), s -> new AtomicLong()).incrementAndGet();
        return answer;
    }

    /** Sends until the answer is final (anything but no answer, 409 in flight, 429, 502, 503, 504), or fails past the deadline. */
    Answer persist(String what, String method, String path, Map<String, String> headers, String body) {
        return until(what, () -> once(method, path, headers, body), Driver::isFinal);
    }

    /** Repeats {@code attempt} until {@code done} holds for its answer. */
    Answer until(String what, Supplier<Answer> attempt, Predicate<Answer> done) {
        while (true) {
            Answer answer = attempt.get();
            if (done.test(answer)) {
                return answer;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + ": still not done when the harness gave up; last answer " + answer);
            }
            resends.incrementAndGet();
            // As real clients do: wait what Retry-After asks (within reason), else a moment.
            pause(answer.retryAfterSeconds() > 0 ? Math.min(answer.retryAfterSeconds(), 10) * 1000 : answer.status() == -1 ? 500 : 300);
        }
    }

    static boolean isFinal(Answer answer) {
        int status = answer.status();
        String message = answer.body().path("message").asText();
        boolean inFlight = status == 409 && (message.contains("still being processed") || message.contains("try again when it has finished"));
        return status != -1 && status != 429 && status != 502 && status != 503 && status != 504 && !inFlight;
    }

    Map<Integer, Long> statuses() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    long resends() {
        return resends.get();
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode().put("text", body);
        }
    }
}
