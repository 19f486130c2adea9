package org.fundraising.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.RedisServer;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged service instances, one Redis, one emulator process throttling at T a minute; each gate is set to
 * 0.8 T. Driven together for over a minute, they must stay within 0.8 T + burst in every 60 s window and the
 * emulator must send no 429 — which holds only if the bucket is really shared (two separate buckets would send
 * 1.6 T a minute).
 */
class TwoReplicasShareOneBudgetIT {

    static final int T = 300;
    static final int GATE = 240;
    static final int BURST = 10;
    static final int REQUESTS_PER_REPLICA = 160;
    static final String KEY = "it-shared-key";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void replicasTogetherStayWithinOneBudget() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ServiceProcess emulator = ServiceProcess.start("emulator", Map.of(
                     "FUNDRAISING_ROLE", "twenty-emulator", "TWENTY_API_KEY", KEY,
                     "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", String.valueOf(T)))) {
            String person = createPerson(emulator);
            Map<String, String> replicaEnv = Map.of(
                    "TWENTY_API_BASE_URL", emulator.base() + "/twenty-emulator/rest",
                    "TWENTY_API_KEY", KEY,
                    "FUNDRAISING_REDIS_URL", redis.url(),
                    "FUNDRAISING_TWENTY_RATE_PER_MINUTE", String.valueOf(GATE),
                    "FUNDRAISING_TWENTY_BURST", String.valueOf(BURST),
                    // Every request here is meant to queue for the shared budget, not be shed as a person's would.
                    "FUNDRAISING_INTERACTIVE_MAX_WAIT_MS", "180000",
                    // A request may wait that long, so its connection must not be closed as idle before.
                    "FUNDRAISING_HTTP_IDLE_TIMEOUT", "240s",
                    "FUNDRAISING_TWENTY_TIMEOUT_MS", "5000");
            try (ServiceProcess first = ServiceProcess.start("replica-1", with(replicaEnv, "FUNDRAISING_DATA_DIR",
                         Files.createTempDirectory("replica-1").toString()));
                 ServiceProcess second = ServiceProcess.start("replica-2", with(replicaEnv, "FUNDRAISING_DATA_DIR",
                         Files.createTempDirectory("replica-2").toString()))) {
                // Warm every process (a cold JVM stamps its first requests late, which would squeeze the first
                // minute at the emulator), then count afresh: what follows is measured.
                List<CompletableFuture<HttpResponse<String>>> warmUp = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    warmUp.add(get(first, "/api/fundraising/people/" + person));
                    warmUp.add(get(second, "/api/fundraising/people/" + person));
                }
                CompletableFuture.allOf(warmUp.toArray(CompletableFuture[]::new)).get();
                http.send(HttpRequest.newBuilder(URI.create(emulator.base() + "/twenty-emulator/_stats")).header("Authorization", "Bearer " + KEY)
                        .DELETE().build(),
                        HttpResponse.BodyHandlers.ofString());
                List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
                for (int i = 0; i < REQUESTS_PER_REPLICA; i++) {
                    calls.add(get(first, "/api/fundraising/people/" + person));
                    calls.add(get(second, "/api/fundraising/people/" + person));
                }
                long ok = 0;
                for (CompletableFuture<HttpResponse<String>> call : calls) {
                    if (call.get().statusCode() == 200) {
                        ok++;
                    }
                }
                JsonNode stats = json.readTree(http.send(HttpRequest.newBuilder(
                        URI.create(emulator.base() + "/twenty-emulator/_stats")).header("Authorization", "Bearer " + KEY)
                        .build(),
                        HttpResponse.BodyHandlers.ofString()).body());
                System.out.println("two replicas: " + ok + " of " + calls.size() + " requests answered 200; emulator "
                        + stats.path("throttled").asInt() + " 429s, busiest minute " + stats.path("maxCallsInAnyMinute").asInt()
                        + " calls (bound " + (GATE + BURST) + ")");
                assertEquals(calls.size(), ok, "every request succeeded");
                assertEquals(0, stats.path("throttled").asInt(), "the emulator answered 429");
                // Two unshared buckets would send about 2 × GATE a minute and draw 429s.
                assertTrue(stats.path("maxCallsInAnyMinute").asInt() <= GATE + BURST,
                        "busiest minute " + stats.path("maxCallsInAnyMinute").asInt());
                assertTrue(stats.path("calls").asInt() > GATE + BURST, "the run did not outlast one budget minute");
            }
        }
    }

    private String createPerson(ServiceProcess emulator) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(emulator.base() + "/twenty-emulator/rest/people"))
                .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        return json.readTree(created.body()).path("data").path("createPerson").path("id").asText();
    }

    private CompletableFuture<HttpResponse<String>> get(ServiceProcess service, String path) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(service.base() + path))
                .header("Authorization", "Bearer " + KEY).timeout(Duration.ofMinutes(3)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
