package org.fundraising.it;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.support.HttpJson;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A 300-row process run killed with SIGKILL at five points and the service started again each time, with no one
 * starting the run again: each new instance takes the same run over once the killed one's hold runs out. In the
 * end the run is completed, every row is processed and Twenty (an emulator in its own process, so it outlives the
 * kills) holds exactly 300 gifts, none twice. Twenty answers slowly here (300 ms a call) so that every kill lands
 * inside the run: before a chunk's gifts, between a chunk's gifts and their processed marks, between chunks.
 */
class BatchCrashIT {

    private static final String KEY = "crash-it-key";
    private static final int ROWS = 300;

    private final HttpJson http = new HttpJson(KEY);

    @Test
    void everyGiftIsPostedExactlyOnceWhateverPointTheServiceDiesAt() throws Exception {
        try (ServiceProcess twenty = ServiceProcess.start("crash-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0"))) {
            String rest = twenty.base() + "/twenty-emulator/rest";
            String donor = http.send("POST", rest + "/people", Map.of("name", Map.of("firstName", "Ada", "lastName", "Lovelace")))
                    .path("data").path("createPerson").path("id").asText();
            String batch = http.stagedBatch(rest, donor, ROWS);
            http.send("POST", twenty.base() + "/twenty-emulator/_faults", Map.of("path", "/rest/.*", "mode", "delay", "delayMs", 300));

            Path data = Files.createTempDirectory("crash-it");
            Map<String, String> env = Map.of("TWENTY_API_BASE_URL", rest, "TWENTY_API_KEY", KEY,
                    "FUNDRAISING_DATA_DIR", data.toString(), "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0",
                    "FUNDRAISING_BATCH_RUN_LEASE_MS", "1500");
            String run = "/api/fundraising/gift-batches/" + batch + "/process";
            long[] killAfterMs = {300, 1300, 2000, 1000, 700};
            String runId = null;
            int kills = 0;
            int processedAtKill = 0;
            for (long wait : killAfterMs) {
                ServiceProcess service = ServiceProcess.start("crash-service", env);
                if (runId == null) {
                    runId = http.send("POST", service.base() + run, Map.of()).path("runId").asText();
                } else if (!awaitTakeover(service, run + "/" + runId, kills - 1)) {
                    service.close();
                    break;
                }
                Thread.sleep(wait);
                service.kill();
                kills++;
                processedAtKill = http.count(rest, "giftStagings", "processingStatus[eq]:\"processed\"");
                System.out.println("crash test: killed " + wait + " ms into its turn; gifts so far " + http.count(rest, "gifts", null)
                        + ", rows processed " + processedAtKill);
            }
            assertEquals(killAfterMs.length, kills, "every restart took the run over");
            assertTrue(processedAtKill < ROWS, "the last kill came while the run was going");
            http.send("DELETE", twenty.base() + "/twenty-emulator/_faults", null);
            try (ServiceProcess service = ServiceProcess.start("crash-service", env)) {
                JsonNode done = awaitFinished(service, run + "/" + runId);
                System.out.println("crash test: the run at its end " + done.path("counters") + " " + done.path("execution"));
                assertEquals("completed", done.path("status").asText(), done.toString());
                assertEquals(kills, done.path("execution").path("takeovers").asInt(), "taken over after each kill: " + done);
            }
            assertEquals(ROWS, http.count(rest, "gifts", null), "gifts in Twenty after five kills");
            Set<String> ids = new HashSet<>();
            String cursor = null;
            do {
                JsonNode page = http.send("GET", rest + "/gifts?limit=60" + (cursor == null ? "" : "&starting_after=" + cursor), null);
                page.path("data").path("gifts").forEach(gift -> ids.add(gift.path("id").asText()));
                cursor = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
            } while (cursor != null);
            assertEquals(ROWS, ids.size(), "distinct gift ids");
            assertEquals(0, http.count(rest, "giftStagings", "processingStatus[neq]:\"processed\""), "rows not processed");
        }
    }

    /** Waits until the new instance has taken the run over ({@code takeovers} past {@code before}); false if it had finished. */
    private boolean awaitTakeover(ServiceProcess service, String path, int before) throws Exception {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode snapshot = http.send("GET", service.base() + path, null);
            if (snapshot.hasNonNull("finishedAt")) {
                return false;
            }
            if (snapshot.path("execution").path("takeovers").asInt() > before) {
                return true;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the run was not taken over within 30 s");
    }

    private JsonNode awaitFinished(ServiceProcess service, String path) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            JsonNode snapshot = http.send("GET", service.base() + path, null);
            if (snapshot.hasNonNull("finishedAt")) {
                return snapshot;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the run did not finish");
    }
}
