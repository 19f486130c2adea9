package org.fundraising.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two abuse loads against the packaged service in its embedded mode, with the gate and the emulator's throttle at
 * their defaults (80 a minute, burst 10; Twenty's 100 a minute), as a deployment behind the gateway sees them:
 * <ul>
 *   <li>a flood of made-up tokens (20 attackers, a new token and address on every request, for 60 s) while a
 *   known user makes a request a second: Twenty calls a minute, the user's p50/p95, the flood's answers;</li>
 *   <li>100 clients at once on a list route: answers by status, latency p50/p95/max.</li>
 * </ul>
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbench -Dtest=AbuseBenchmark}; add {@code -Dservice.jar=…} to
 * measure another build (the figures "before" in bench/README.md came from the commit before the fix).
 */
class AbuseBenchmark {

    private static final String KEY = "bench-abuse-key";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private static Map<String, String> env() throws Exception {
        return Map.of("TWENTY_API_KEY", KEY, "FUNDRAISING_DATA_DIR", Files.createTempDirectory("abuse").toString(),
                "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true", "QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true",
                "FUNDRAISING_EMULATOR_REMOTE_ACCESS", "true");
    }

    @Test
    void randomTokenFlood() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("abuse-flood", env())) {
            control(service, "DELETE", "/_stats");
            AtomicBoolean running = new AtomicBoolean(true);
            Map<Integer, Integer> floodAnswers = Collections.synchronizedMap(new TreeMap<>());
            List<Long> userNanos = Collections.synchronizedList(new ArrayList<>());
            ExecutorService attackers = Executors.newFixedThreadPool(20);
            for (int i = 0; i < 20; i++) {
                attackers.submit(() -> {
                    while (running.get()) {
                        int status = status(get(service, "/api/fundraising/gifts", "made-up-" + UUID.randomUUID(), randomAddress()));
                        floodAnswers.merge(status, 1, Integer::sum);
                    }
                    return null;
                });
            }
            long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                int status = status(get(service, "/api/fundraising/appeals", KEY, "203.0.113.7"));
                userNanos.add(status == 200 ? System.nanoTime() - started : Long.MAX_VALUE);
                Thread.sleep(Math.max(0, 1000 - (System.nanoTime() - started) / 1_000_000));
            }
            running.set(false);
            attackers.shutdown();
            attackers.awaitTermination(3, java.util.concurrent.TimeUnit.MINUTES);
            JsonNode stats = json.readTree(control(service, "GET", "/_stats"));
            BenchFigures.print("token flood (60 s, 20 attackers): Twenty calls " + stats.path("calls").asInt()
                    + ", busiest minute " + stats.path("maxCallsInAnyMinute").asInt() + ", by route " + stats.path("byRoute")
                    + ", 429s from Twenty " + stats.path("throttled").asInt());
            BenchFigures.print("token flood: flood answers " + floodAnswers);
            BenchFigures.print(String.format("token flood: known user %d requests, p50 %.0f ms, p95 %.0f ms, failed %d",
                    userNanos.size(), BenchFigures.percentile(userNanos, 50) / 1e6, BenchFigures.percentile(userNanos, 95) / 1e6,
                    userNanos.stream().filter(n -> n == Long.MAX_VALUE).count()));
        }
    }

    @Test
    void hundredClientsOnAListRoute() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("abuse-crowd", env())) {
            ExecutorService clients = Executors.newFixedThreadPool(100);
            List<long[]> answers = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                all.add(CompletableFuture.runAsync(() -> {
                    long started = System.nanoTime();
                    int status = status(get(service, "/api/fundraising/appeals", KEY, "203.0.113.8"));
                    answers.add(new long[]{status, System.nanoTime() - started});
                }, clients));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get();
            clients.shutdown();
            Map<Long, Long> byStatus = new TreeMap<>();
            answers.forEach(a -> byStatus.merge(a[0], 1L, Long::sum));
            List<Long> nanos = answers.stream().map(a -> a[1]).toList();
            BenchFigures.print(String.format("100 clients: answers %s, latency p50 %.0f ms, p95 %.0f ms, max %.0f ms",
                    byStatus, BenchFigures.percentile(nanos, 50) / 1e6, BenchFigures.percentile(nanos, 95) / 1e6,
                    BenchFigures.percentile(nanos, 100) / 1e6));
        }
    }

    private HttpResponse<String> get(ServiceProcess service, String path, String token, String address) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(service.base() + path)).timeout(Duration.ofMinutes(3))
                    .header("Authorization", "Bearer " + token).header("X-Forwarded-For", address).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception timedOutOrClosed) {
            return null;
        }
    }

    private static int status(HttpResponse<String> answer) {
        return answer == null ? 0 : answer.statusCode();
    }

    private String control(ServiceProcess service, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(service.base() + "/twenty-emulator" + path))
                .header("Authorization", "Bearer " + KEY).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String randomAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }
}
