package org.fundraising.security;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

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
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding 2: four {@code POST /appeals} with {@code "goalAmount":"1e99999999"} froze the service for minutes
 * (a BigDecimal scaled on the event loop). Numbers are now bounded before any arithmetic: every numeric field of
 * every route that takes a body, and every numeric query parameter, answers 400 fast while /health keeps answering.
 */
@QuarkusTest
class HostileNumbersTest {

    /** Tiny to send, enormous to compute with, or past every range. */
    static final List<String> HOSTILE = List.of("1e99999999", "\"1e99999999\"", "-1e99999999", "1e400", "\"1e400\"",
            "18446744073709551617", "-9223372036854775809", "1e-99999999", "\"1e-99999999\"", "9".repeat(99),
            "0." + "0".repeat(90) + "1", "\"NaN\"", "\"Infinity\"");

    /** Every numeric field any route reads (money in micros and in major units, counts), and one unknown field. */
    static final List<String> NUMERIC_FIELDS = List.of("amount", "feeAmount", "goalAmount", "budgetAmount",
            "estimatedValue", "targetSolicitedCount", "countSolicited", "count", "total", "recipients", "intervalCount",
            "expectedItemCount", "matchedGiftCount", "pendingStagingCount", "depositGrossAmount", "depositFeeAmount",
            "depositNetAmount", "varianceAmount", "matchedGrossAmount", "matchedFeeAmount", "expectedCount",
            "expectedAmount", "amountMicros", "feeAmountMicros", "depth", "zzUnknownNumber");

    private static final long LIMIT_MS = 100;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyNumericFieldOfEveryRouteIsRefusedFastAndTheServiceStaysLive() throws Exception {
        List<ApiRoutes.Operation> operations = ApiRoutes.protectedOperations();
        List<HttpRequest> requests = new ArrayList<>();
        for (ApiRoutes.Operation operation : operations) {
            for (String value : HOSTILE) {
                if (operation.hasBody()) {
                    requests.add(request(operation, body(value, false), null));
                    requests.add(request(operation, body(value, true), null));
                }
                for (String parameter : operation.queryParameters()) {
                    if (List.of("limit", "depth").contains(parameter)) {
                        requests.add(request(operation, operation.hasBody() ? "{}" : null, parameter + "=" + value.replace("\"", "")));
                    }
                }
            }
        }
        // Warm the JIT on one pass first: the bound is about the work done, not a cold start.
        for (HttpRequest request : requests.subList(0, Math.min(60, requests.size()))) {
            http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        EmulatorControl.clearStats();

        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong slowestHealthMs = new AtomicLong();
        Thread health = new Thread(() -> {
            while (running.get()) {
                long started = System.nanoTime();
                try {
                    http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (Exception e) {
                    slowestHealthMs.set(Long.MAX_VALUE);
                }
                slowestHealthMs.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        health.start();

        List<String> wrong = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (HttpRequest request : requests) {
            long started = System.nanoTime();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - started) / 1_000_000;
            if (answer.statusCode() != 400 || !answer.body().contains("\"statusCode\":400")) {
                wrong.add(describe(request) + " → " + answer.statusCode() + " " + answer.body());
            }
            if (ms > LIMIT_MS) {
                // One retry absorbs a GC pause or a noisy neighbour; real work on a huge number is slow every time.
                long again = System.nanoTime();
                http.send(request, HttpResponse.BodyHandlers.discarding());
                long retryMs = (System.nanoTime() - again) / 1_000_000;
                if (retryMs > LIMIT_MS) {
                    slow.add(describe(request) + " took " + ms + " ms, then " + retryMs + " ms");
                }
            }
        }
        running.set(false);
        health.join();

        System.out.println("hostile numbers: " + requests.size() + " requests, slowest /health " + slowestHealthMs.get() + " ms");
        assertTrue(requests.size() > 300, "only " + requests.size() + " hostile requests were generated");
        assertTrue(wrong.isEmpty(), "not a 400 in the error shape:\n" + String.join("\n", wrong.subList(0, Math.min(20, wrong.size()))));
        assertTrue(slow.isEmpty(), "slower than " + LIMIT_MS + " ms:\n" + String.join("\n", slow));
        assertTrue(slowestHealthMs.get() < 1000, "/health took " + slowestHealthMs.get() + " ms during the run");
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a hostile number reached Twenty");
    }

    /** Every numeric field holding {@code value}, either as itself or inside a money object. */
    private static String body(String value, boolean nested) {
        StringBuilder body = new StringBuilder("{");
        for (String field : NUMERIC_FIELDS) {
            if (body.length() > 1) {
                body.append(',');
            }
            body.append('"').append(field).append("\":");
            if (nested) {
                body.append("{\"amountMicros\":").append(value).append(",\"value\":").append(value)
                        .append(",\"currencyCode\":\"GBP\"}");
            } else {
                body.append(value);
            }
        }
        return body.append('}').toString();
    }

    private HttpRequest request(ApiRoutes.Operation operation, String body, String query) {
        String uri = base() + operation.path() + (query == null ? "" : "?" + encodeQuery(query));
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + EmulatorControl.KEY);
        if (body != null) {
            builder.header("Content-Type", "application/json").method(operation.method(), HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(operation.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    private static String encodeQuery(String query) {
        int eq = query.indexOf('=');
        return query.substring(0, eq + 1) + URLEncoder.encode(query.substring(eq + 1), StandardCharsets.UTF_8);
    }

    private static String describe(HttpRequest request) {
        String uri = request.uri().toString();
        return request.method() + " " + (uri.length() > 140 ? uri.substring(0, 140) + "…" : uri);
    }

    private static String base() {
        return "http://localhost:" + RestAssured.port;
    }
}
