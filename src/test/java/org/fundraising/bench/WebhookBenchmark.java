package org.fundraising.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.support.HttpJson;
import org.fundraising.support.ServiceProcess;
import org.fundraising.support.SignedStripeEvents;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 2,000 signed Stripe Checkout events (new donors) sent by 50 senders at once (asynchronous, on one event loop, so
 * the load generator takes as little of the machine's two cores as it can) to the packaged service at its
 * defaults: the embedded emulator throttling at Twenty's 100 calls a minute, the gate at 80 a minute (burst 10).
 * Printed: the acknowledgement latency (p50, p99, max), Twenty calls per event, 429s, and the time until every
 * gift is in Twenty. {@code -Dbench.events=} and {@code -Dbench.senders=} change the counts, {@code -Dbench.warmup=} the
 * deliveries sent first and not counted (500: a fresh JVM's first requests run before its code is compiled); {@code -Dbench.drain=false} keeps the worker idle
 * (acknowledgement alone, nothing posted). Run with
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbench -Dtest=WebhookBenchmark}.
 */
class WebhookBenchmark {

    private static final String KEY = "bench-webhook-key";
    private static final String SECRET = "whsec_bench";


    private final HttpJson http = new HttpJson(KEY);

    @Test
    void burstOfSignedCheckouts() throws Exception {
        int events = Integer.parseInt(System.getProperty("bench.events", "2000"));
        int senders = Integer.parseInt(System.getProperty("bench.senders", "50"));
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "500"));
        boolean drain = Boolean.parseBoolean(System.getProperty("bench.drain", "true"));
        Map<String, String> env = new HashMap<>(Map.of("TWENTY_API_KEY", KEY, "STRIPE_WEBHOOK_SECRET", SECRET,
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("bench-webhook").toString()));
        if (!drain) {
            env.put("FUNDRAISING_WEBHOOK_POLL_MS", "3600000");
        }
        // -Dbench.serviceJavaOptions=… runs the service with those JVM options (a profiler, a heap cap).
        String javaOptions = System.getProperty("bench.serviceJavaOptions");
        if (javaOptions != null) {
            env.put("JAVA_TOOL_OPTIONS", javaOptions);
        }
        try (ServiceProcess service = ServiceProcess.start("bench-webhook", env)) {
            List<String> bodies = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                bodies.add(SignedStripeEvents.checkout("evt_" + UUID.randomUUID().toString().replace("-", ""), "pi_bench_" + i,
                        500 + i, "gbp", "Bench" + i + " Donor", "bench" + i + "@example.org"));
            }
            // A service that has run a while has its code compiled: the first deliveries of a fresh JVM are not counted.
            List<String> warming = new ArrayList<>();
            for (int i = 0; i < warmup; i++) {
                warming.add(SignedStripeEvents.checkout("evt_" + UUID.randomUUID().toString().replace("-", ""), "pi_warm_" + i,
                        500 + i, "gbp", "Warm" + i + " Donor", "warm" + i + "@example.org"));
            }
            if (warmup > 0) {
                AsyncSenders.send(URI.create(service.base()), warming, senders,
                        body -> SignedStripeEvents.signature(body, Instant.now().getEpochSecond(), SECRET), new ArrayList<>());
                int warmed = 0;
                while (drain && warmed < warmup) {
                    Thread.sleep(1000);
                    warmed = http.send("GET", service.base() + "/twenty-emulator/_stats", null).path("records").path("gifts").asInt();
                }
            }
            http.send("DELETE", service.base() + "/twenty-emulator/_stats", null);
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long started = System.nanoTime();
            List<Integer> statuses = AsyncSenders.send(URI.create(service.base()), bodies, senders,
                    body -> SignedStripeEvents.signature(body, Instant.now().getEpochSecond(), SECRET), latencies);
            statuses.forEach(status -> assertEquals(204, status));
            double ackedSeconds = (System.nanoTime() - started) / 1e9;
            if (!drain) {
                BenchFigures.print(String.format("webhooks, %d signed checkouts from %d senders, worker idle: acknowledged in %.1f s, "
                                + "latency p50 %.1f ms, p99 %.1f ms, max %.1f ms", events, senders, ackedSeconds,
                        BenchFigures.percentile(latencies, 50) / 1e6, BenchFigures.percentile(latencies, 99) / 1e6,
                        Collections.max(latencies) / 1e6));
                return;
            }
            int gifts = 0;
            while (gifts < events + warmup) {
                Thread.sleep(1000);
                gifts = http.send("GET", service.base() + "/twenty-emulator/_stats", null).path("records").path("gifts").asInt();
            }
            double allInSeconds = (System.nanoTime() - started) / 1e9;
            JsonNode stats = http.send("GET", service.base() + "/twenty-emulator/_stats", null);
            long calls = stats.path("calls").asLong();
            BenchFigures.print(String.format("webhooks, %d signed checkouts from %d senders: acknowledged in %.1f s, latency p50 %.1f ms, "
                            + "p99 %.1f ms, max %.1f ms; all %d gifts in Twenty after %.1f min; %d Twenty calls (%.3f per event), %d × 429",
                    events, senders, ackedSeconds, BenchFigures.percentile(latencies, 50) / 1e6,
                    BenchFigures.percentile(latencies, 99) / 1e6, Collections.max(latencies) / 1e6, gifts - warmup, allInSeconds / 60,
                    calls, (double) calls / events, stats.path("throttled").asLong()));
        }
    }
}
