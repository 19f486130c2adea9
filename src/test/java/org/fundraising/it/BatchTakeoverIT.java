package org.fundraising.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.support.HttpJson;
import org.fundraising.support.RedisServer;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two packaged instances on one Redis and one emulator process: a process run started on the first is seen by the
 * second (a start there is refused with the run's snapshot, polls and the event stream answer there); the first is
 * then SIGKILLed mid-run, and the second takes the run over by itself once the first's hold runs out. In the end
 * the run is completed and the emulator holds exactly one gift per row.
 */
class BatchTakeoverIT {

    private static final String KEY = "takeover-it-key";
    private static final int ROWS = 300;

    private final HttpJson http = new HttpJson(KEY);

    @Test
    void aRunWhoseInstanceDiesIsTakenOverByTheOtherAndPostsEveryGiftOnce() throws Exception {
        try (RedisServer redis = RedisServer.start();
             ServiceProcess twenty = ServiceProcess.start("takeover-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                     "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0"))) {
            String rest = twenty.base() + "/twenty-emulator/rest";
            String donor = http.send("POST", rest + "/people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")))
                    .path("data").path("createPerson").path("id").asText();
            String batch = http.stagedBatch(rest, donor, ROWS);
            // Twenty answers slowly, so that the run is still going when its instance dies.
            http.send("POST", twenty.base() + "/twenty-emulator/_faults", Map.of("path", "/rest/.*", "mode", "delay", "delayMs", 400));

            Map<String, String> env = new HashMap<>(Map.of("TWENTY_API_BASE_URL", rest, "TWENTY_API_KEY", KEY,
                    "FUNDRAISING_REDIS_URL", redis.url(), "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0",
                    "FUNDRAISING_BATCH_RUN_LEASE_MS", "2000"));
            env.put("FUNDRAISING_DATA_DIR", Files.createTempDirectory("takeover-first").toString());
            ServiceProcess first = ServiceProcess.start("takeover-first", env);
            env.put("FUNDRAISING_DATA_DIR", Files.createTempDirectory("takeover-second").toString());
            try (ServiceProcess second = ServiceProcess.start("takeover-second", env)) {
                String runs = "/api/fundraising/gift-batches/" + batch + "/process";
                String runId = http.send("POST", first.base() + runs, Map.of()).path("runId").asText();

                HttpResponse<String> refused = http.exchange("POST", second.base() + runs, Map.of());
                assertEquals(409, refused.statusCode(), refused.body());
                assertEquals(runId, http.read(refused.body()).path("details").path(0).path("runId").asText(),
                        "the other instance's start sees the active run");
                assertEquals("running", http.send("GET", second.base() + runs + "/" + runId, null).path("status").asText());
                CompletableFuture<HttpResponse<String>> events = http.events(second.base() + runs + "/" + runId + "/events");

                long deadline = System.currentTimeMillis() + 60_000;
                while (http.send("GET", second.base() + runs + "/" + runId, null).path("counters").path("processed").asInt() < 60) {
                    assertTrue(System.currentTimeMillis() < deadline, "the run never processed its first chunk");
                    Thread.sleep(100);
                }
                first.kill();
                int processedAtKill = http.count(rest, "giftStagings", "processingStatus[eq]:\"processed\"");
                System.out.println("takeover test: first instance killed with " + processedAtKill + " rows processed, "
                        + http.count(rest, "gifts", null) + " gifts");
                assertTrue(processedAtKill < ROWS, "the kill came after the run had finished");

                String stream = events.get(90, TimeUnit.SECONDS).body();
                JsonNode done = http.send("GET", second.base() + runs + "/" + runId, null);
                System.out.println("takeover test: " + done.path("counters") + " " + done.path("execution"));
                assertEquals("completed", done.path("status").asText(), done.toString());
                assertEquals(1, done.path("execution").path("takeovers").asInt(), done.toString());
                // A chunk marked processed in Twenty just before the kill, but not yet in the snapshot, is not counted twice.
                assertTrue(done.path("counters").path("processed").asInt() <= ROWS, done.toString());
                assertTrue(stream.contains("\"takeovers\":1") && stream.contains("\"status\":\"completed\""),
                        "the event stream on the other instance followed the run to its end: " + stream);
            } finally {
                first.close();
            }
            http.send("DELETE", twenty.base() + "/twenty-emulator/_faults", null);
            assertEquals(ROWS, http.count(rest, "gifts", null), "one gift per row, none twice");
            assertEquals(0, http.count(rest, "giftStagings", "processingStatus[neq]:\"processed\""), "rows not processed");
        }
    }
}
