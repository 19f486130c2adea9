package org.fundraising.it;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two packaged instances sharing one Redis and one Twenty: twenty refunds of 1.00 on one 10.00 gift, sent to both
 * at once, record exactly ten (the gift is held in Redis, so neither instance reads a total the other is changing).
 */
class RefundsAcrossReplicasIT {

    private static final String KEY = "it-refund-key";

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void twentyRefundsAcrossTwoReplicasRecordExactlyTheGiftsAmount() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ServiceProcess twenty = ServiceProcess.start("refund-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                     "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0"))) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(twenty.base() + "/twenty-emulator/rest/gifts"))
                    .header("Authorization", "Bearer " + KEY).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Cheque\",\"giftDate\":\"2026-11-20\","
                            + "\"amount\":{\"amountMicros\":10000000,\"currencyCode\":\"GBP\"}}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String gift = json.readTree(created.body()).path("data").path("createGift").path("id").asText();
            Map<String, String> env = new HashMap<>(Map.of("TWENTY_API_BASE_URL", twenty.base() + "/twenty-emulator/rest",
                    "TWENTY_API_KEY", KEY, "FUNDRAISING_REDIS_URL", redis.url(), "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0"));
            env.put("FUNDRAISING_DATA_DIR", Files.createTempDirectory("refund-1").toString());
            try (ServiceProcess first = ServiceProcess.start("refund-replica-1", env);
                 ServiceProcess second = ServiceProcess.start("refund-replica-2", with(env, "FUNDRAISING_DATA_DIR",
                         Files.createTempDirectory("refund-2").toString()))) {
                List<CompletableFuture<HttpResponse<String>>> refunds = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    ServiceProcess replica = i % 2 == 0 ? first : second;
                    refunds.add(http.sendAsync(HttpRequest.newBuilder(URI.create(replica.base() + "/api/fundraising/gifts/"
                                    + gift + "/refunds")).header("Authorization", "Bearer " + KEY)
                            .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                            .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":{\"amountMicros\":1000000,\"currencyCode\":\"GBP\"},"
                                    + "\"date\":\"2026-11-25\"}")).build(), HttpResponse.BodyHandlers.ofString()));
                }
                List<Integer> statuses = new ArrayList<>();
                for (CompletableFuture<HttpResponse<String>> refund : refunds) {
                    statuses.add(refund.get().statusCode());
                }
                assertEquals(10, statuses.stream().filter(s -> s == 201).count(), "statuses " + statuses);
                assertEquals(10, statuses.stream().filter(s -> s == 400).count(), "statuses " + statuses);
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(twenty.base() + "/twenty-emulator/rest/gifts/" + gift))
                        .header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(10_000_000L, json.readTree(stored.body()).path("data").path("gift").path("refundedAmount")
                        .path("amountMicros").asLong());
            }
        }
    }

    private static Map<String, String> with(Map<String, String> env, String key, String value) {
        Map<String, String> copy = new HashMap<>(env);
        copy.put(key, value);
        return copy;
    }
}
