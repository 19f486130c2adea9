package org.fundraising.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.support.HttpJson;
import org.fundraising.support.RedisServer;
import org.fundraising.support.ServiceProcess;
import org.fundraising.support.SignedStripeEvents;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * 200 signed Checkout events acknowledged while Twenty refuses every call, then the service killed with SIGKILL
 * before it could post any: started again (Twenty back), it posts all 200 exactly once. Once with the embedded
 * store and once with Redis; Twenty is an emulator in its own process, so it outlives the kill.
 */
class WebhookCrashIT {

    private static final String KEY = "webhook-crash-key";
    private static final String SECRET = "whsec_crash";
    private static final int EVENTS = 200;

    private final HttpJson http = new HttpJson(KEY);
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void acknowledgedEventsSurviveAKillWithTheEmbeddedStore() throws Exception {
        Map<String, String> store = Map.of("FUNDRAISING_DATA_DIR", Files.createTempDirectory("webhook-crash").toString());
        acknowledgedEventsArePostedOnceAfterAKill(store);
    }

    @Test
    void acknowledgedEventsSurviveAKillWithRedis() throws Exception {
        try (RedisServer redis = RedisServer.start()) {
            acknowledgedEventsArePostedOnceAfterAKill(Map.of("FUNDRAISING_REDIS_URL", redis.url(),
                    "FUNDRAISING_DATA_DIR", Files.createTempDirectory("webhook-crash-redis").toString()));
        }
    }

    private void acknowledgedEventsArePostedOnceAfterAKill(Map<String, String> store) throws Exception {
        try (ServiceProcess twenty = ServiceProcess.start("webhook-crash-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0"))) {
            String rest = twenty.base() + "/twenty-emulator/rest";
            http.send("POST", twenty.base() + "/twenty-emulator/_faults", Map.of("path", "/rest/.*", "mode", "error", "status", 503));
            Map<String, String> env = new HashMap<>(store);
            env.putAll(Map.of("TWENTY_API_BASE_URL", rest, "TWENTY_API_KEY", KEY, "STRIPE_WEBHOOK_SECRET", SECRET,
                    "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0", "FUNDRAISING_WEBHOOK_RETRY_BASE_MS", "200",
                    "FUNDRAISING_WEBHOOK_CLAIM_MS", "2000"));

            ServiceProcess service = ServiceProcess.start("webhook-crash-service", env);
            List<String> bodies = new java.util.ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                bodies.add(SignedStripeEvents.checkout("evt_" + UUID.randomUUID().toString().replace("-", ""), "pi_crash_" + i,
                        1000 + i, "gbp", "Crash" + i + " Donor", "crash" + i + "@example.org"));
            }
            ExecutorService senders = Executors.newFixedThreadPool(10);
            try {
                List<CompletableFuture<Integer>> sent = bodies.stream().map(body -> CompletableFuture.supplyAsync(() ->
                        SignedStripeEvents.deliver(client, service.base(), body, SECRET), senders)).toList();
                sent.forEach(status -> assertEquals(204, status.join()));
            } finally {
                senders.shutdown();
            }
            assertEquals(0, http.send("GET", twenty.base() + "/twenty-emulator/_stats", null).path("records").path("gifts").asInt(),
                    "nothing could be posted while Twenty refused");
            service.kill();
            System.out.println("webhook crash test: " + EVENTS + " events acknowledged, service killed, 0 gifts");

            http.send("DELETE", twenty.base() + "/twenty-emulator/_faults", null);
            try (ServiceProcess restarted = ServiceProcess.start("webhook-crash-service", env)) {
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                while (http.count(rest, "gifts", null) < EVENTS && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                Thread.sleep(1500);
                JsonNode events = http.send("GET", restarted.base() + "/api/fundraising/webhooks/events", null);
                System.out.println("webhook crash test: after the restart, inbox " + events.path("inbox"));
            }
            assertEquals(EVENTS, http.count(rest, "gifts", null), "gifts after the restart");
            Set<String> payments = new HashSet<>();
            String cursor = null;
            do {
                JsonNode page = http.send("GET", rest + "/gifts?limit=60" + (cursor == null ? "" : "&starting_after=" + cursor), null);
                page.path("data").path("gifts").forEach(gift -> payments.add(gift.path("providerPaymentId").asText()));
                cursor = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
            } while (cursor != null);
            assertEquals(EVENTS, payments.size(), "each payment once");
        }
    }
}
