package org.fundraising.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 300-row process run killed with SIGKILL at five points and started again each time: in the end every row is
 * processed and Twenty (an emulator in its own process, so it outlives the kills) holds exactly 300 gifts, none
 * twice. Twenty answers slowly here (300 ms a call) so that every kill lands inside the run: before its first
 * gift, between a chunk's gifts and their processed marks, between chunks.
 */
class BatchCrashIT {

    private static final String KEY = "crash-it-key";
    private static final int ROWS = 300;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void everyGiftIsPostedExactlyOnceWhateverPointTheServiceDiesAt() throws Exception {
        try (ServiceProcess twenty = ServiceProcess.start("crash-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0"))) {
            String rest = twenty.base() + "/twenty-emulator/rest";
            String donor = send("POST", rest + "/people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")))
                    .path("data").path("createPerson").path("id").asText();
            String batch = send("POST", rest + "/giftBatches", Map.of("name", "Crash deposit", "status", "open"))
                    .path("data").path("createGiftBatch").path("id").asText();
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 1; i <= ROWS; i++) {
                rows.add(Map.of("id", UUID.randomUUID().toString(), "giftBatchId", batch, "donorId", donor,
                        "processingStatus", "pending", "giftDate", "2026-11-20",
                        "amount", Map.of("amountMicros", i * 1_000_000L, "currencyCode", "GBP")));
                if (rows.size() == 60) {
                    send("POST", rest + "/batch/giftStagings", rows);
                    rows = new ArrayList<>();
                }
            }
            send("POST", twenty.base() + "/twenty-emulator/_faults", Map.of("path", "/rest/.*", "mode", "delay", "delayMs", 300));

            Path data = Files.createTempDirectory("crash-it");
            Map<String, String> env = Map.of("TWENTY_API_BASE_URL", rest, "TWENTY_API_KEY", KEY,
                    "FUNDRAISING_DATA_DIR", data.toString(), "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0",
                    "FUNDRAISING_BATCH_RUN_LEASE_MS", "1500");
            long[] killAfterMs = {300, 1300, 1700, 2100, 2500};
            String firstKilled = null;
            for (long wait : killAfterMs) {
                ServiceProcess service = ServiceProcess.start("crash-service", env);
                String runId = start(service, batch);
                firstKilled = firstKilled == null ? runId : firstKilled;
                Thread.sleep(wait);
                service.kill();
                System.out.println("crash test: killed after " + wait + " ms; gifts so far " + gifts(rest) + ", rows processed "
                        + send("GET", rest + "/giftStagings?limit=1&filter=" + encode("processingStatus[eq]:\"processed\""), null)
                        .path("totalCount").asInt());
            }
            send("DELETE", twenty.base() + "/twenty-emulator/_faults", null);
            try (ServiceProcess service = ServiceProcess.start("crash-service", env)) {
                String runId = start(service, batch);
                JsonNode done = awaitFinished(service, batch, runId);
                // A killed run is not left "running" for ever: once its hold ran out it reads as failed.
                JsonNode killed = awaitFinished(service, batch, firstKilled);
                assertEquals("failed", killed.path("status").asText(), killed.toString());
                assertTrue(killed.path("error").asText().contains("stopped before it finished"), killed.toString());
                System.out.println("crash test: final run " + done.path("counters"));
                assertTrue(done.path("counters").path("candidates").asInt() > 0, "the kills all came after the work was done");
            }
            assertEquals(ROWS, gifts(rest), "gifts in Twenty after five kills");
            Set<String> ids = new HashSet<>();
            String cursor = null;
            do {
                JsonNode page = send("GET", rest + "/gifts?limit=60" + (cursor == null ? "" : "&starting_after=" + cursor), null);
                page.path("data").path("gifts").forEach(gift -> ids.add(gift.path("id").asText()));
                cursor = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
            } while (cursor != null);
            assertEquals(ROWS, ids.size(), "distinct gift ids");
            assertEquals(0, send("GET", rest + "/giftStagings?filter=" + encode("processingStatus[neq]:\"processed\""), null)
                    .path("totalCount").asInt(), "rows not processed");
        }
    }

    /** Starts the run; while a killed run's lease still holds the batch (409), tries again a moment later. */
    private String start(ServiceProcess service, String batch) throws Exception {
        for (int attempt = 0; attempt < 100; attempt++) {
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(service.base()
                            + "/api/fundraising/gift-batches/" + batch + "/process")).header("Authorization", "Bearer " + KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (started.statusCode() == 202) {
                return json.readTree(started.body()).path("runId").asText();
            }
            if (started.statusCode() != 409) {
                throw new AssertionError("start answered " + started.statusCode() + " " + started.body());
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the killed run's lease never ran out");
    }

    private JsonNode awaitFinished(ServiceProcess service, String batch, String runId) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            HttpResponse<String> poll = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/api/fundraising/gift-batches/"
                    + batch + "/process/" + runId)).header("Authorization", "Bearer " + KEY).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode snapshot = json.readTree(poll.body());
            if (!snapshot.path("finishedAt").isMissingNode() && !snapshot.path("finishedAt").isNull()) {
                return snapshot;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the final run did not finish");
    }

    private int gifts(String rest) throws Exception {
        return send("GET", rest + "/gifts?limit=1", null).path("totalCount").asInt();
    }

    private JsonNode send(String method, String url, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + KEY)
                .timeout(Duration.ofSeconds(30));
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() >= 300) {
            throw new AssertionError(method + " " + url + " → " + answer.statusCode() + " " + answer.body());
        }
        return answer.body().isBlank() ? json.createObjectNode() : json.readTree(answer.body());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
