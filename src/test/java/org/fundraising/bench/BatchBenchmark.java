package org.fundraising.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.HttpJson;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clean gift batches through the packaged service with everything at its default: the embedded emulator throttling
 * at Twenty's 100 calls a minute, the gate at 80 a minute (burst 10). For 60, 600 and 3,000 rows
 * ({@code -Dbench.rows=60,600,3000}), with donors who all exist and donors who are all new, the gift processor's
 * flow: CSV import → donor-match → (create-donors) → process. Printed per flow: Twenty calls in all and per row,
 * 429s, rows posted per minute end to end, the gate's use over the flow (calls ÷ what the gate allowed in that
 * time), and the heap's peak. Then the original's row path for comparison: one {@code POST /gifts} per row
 * (matched, a new donor made where needed, staged, posted, marked), for {@code -Dbench.rowPathRows} rows (60).
 * {@code -Dbench.rowPathRows=0} skips it, {@code -Dbench.serviceHeap=96m} caps the service's heap. Run with
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbench -Dtest=BatchBenchmark}.
 */
class BatchBenchmark {

    private static final String KEY = "bench-batch-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GATE_PER_MINUTE = 80;
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");

    private final HttpJson http = new HttpJson(KEY);
    /** Where the emulator answers: the service itself (embedded), or its own process. */
    private String twenty;
    private final HttpClient plain = HttpClient.newHttpClient();

    @Test
    void cleanBatchesAndTheRowPath() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TWENTY_API_KEY", KEY,
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("bench-batch").toString()));
        // -Dbench.serviceHeap=96m runs the service in that much heap, with the emulator (which holds every record)
        // in a process of its own: what is measured is then the service's memory alone.
        String heap = System.getProperty("bench.serviceHeap");
        ServiceProcess emulator = null;
        if (heap != null) {
            emulator = ServiceProcess.start("bench-batch-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                    "TWENTY_API_KEY", KEY));
            env.put("TWENTY_API_BASE_URL", emulator.base() + "/twenty-emulator/rest");
            env.put("JAVA_TOOL_OPTIONS", "-Xmx" + heap);
        }
        try (ServiceProcess service = ServiceProcess.start("bench-batch", env)) {
            twenty = emulator == null ? service.base() : emulator.base();
            for (String size : System.getProperty("bench.rows", "60,600,3000").split(",")) {
                for (boolean donorsExist : new boolean[]{true, false}) {
                    batchFlow(service, Integer.parseInt(size.trim()), donorsExist);
                }
            }
            int rowPathRows = Integer.parseInt(System.getProperty("bench.rowPathRows", "60"));
            for (boolean donorsExist : new boolean[]{true, false}) {
                if (rowPathRows > 0) {
                    rowPath(service, rowPathRows, donorsExist);
                }
            }
        } finally {
            if (emulator != null) {
                emulator.close();
            }
        }
    }

    private void batchFlow(ServiceProcess service, int rows, boolean donorsExist) throws Exception {
        String rest = prepare(service, rows, donorsExist);
        String batch = http.send("POST", service.base() + "/api/fundraising/gift-batches", Map.of("name", "Bench " + rows))
                .path("data").path("createGiftBatch").path("id").asText();
        String batches = service.base() + "/api/fundraising/gift-batches/" + batch;
        clearStats(service);
        try (HeapPeak heap = new HeapPeak(service)) {
            long started = System.nanoTime();
            HttpResponse<String> imported = http.exchangeText("POST", batches + "/import", csv(rows), "text/csv");
            if (imported.statusCode() != 202) {
                throw new AssertionError("import: " + imported.statusCode() + " " + imported.body());
            }
            Map<String, Double> stepMinutes = new LinkedHashMap<>();
            followed(batches, "import", JSON.readTree(imported.body()).path("runId").asText(), started, stepMinutes);
            run(batches, "donor-match", stepMinutes);
            if (!donorsExist) {
                run(batches, "donor-match/create-donors/run", stepMinutes);
            }
            JsonNode processed = run(batches, "process", stepMinutes);
            double minutes = minutesSince(started);
            JsonNode stats = http.send("GET", twenty + "/twenty-emulator/_stats", null);
            long calls = stats.path("calls").asLong();
            long gifts = http.count(rest, "gifts", null);
            if (gifts != rows || processed.path("counters").path("processed").asInt() != rows) {
                throw new AssertionError("every row posted once: " + gifts + " gifts, " + processed);
            }
            BenchFigures.print(String.format("batch path, %d rows, %s donors: %d Twenty calls (%.3f per row), %d × 429, "
                            + "%.1f min end to end = %.0f rows posted per minute, gate use %.0f %% (%d calls of the %.0f the "
                            + "gate allowed), heap peak %.0f MB; minutes per step %s",
                    rows, donorsExist ? "known" : "new", calls, (double) calls / rows, stats.path("throttled").asLong(),
                    minutes, rows / minutes, 100.0 * calls / allowed(minutes), calls, allowed(minutes),
                    heap.peakMegabytes(), rounded(stepMinutes)));
        }
    }

    private void rowPath(ServiceProcess service, int rows, boolean donorsExist) throws Exception {
        String rest = prepare(service, rows, donorsExist);
        clearStats(service);
        try (HeapPeak heap = new HeapPeak(service)) {
            long started = System.nanoTime();
            for (int i = 1; i <= rows; i++) {
                Map<String, Object> gift = Map.of("amount", Map.of("amountMicros", 12_500_000L, "currencyCode", "GBP"),
                        "giftDate", "2026-11-20", "paymentMethod", "card", "autoProcess", true,
                        "contact", Map.of("firstName", "Donor" + i, "lastName", "Surname" + (i % 37), "email", "donor" + i + "@example.org"));
                http.send("POST", service.base() + "/api/fundraising/gifts", gift);
            }
            double minutes = minutesSince(started);
            JsonNode stats = http.send("GET", twenty + "/twenty-emulator/_stats", null);
            long calls = stats.path("calls").asLong();
            if (http.count(rest, "gifts", null) != rows) {
                throw new AssertionError("every row posted once");
            }
            BenchFigures.print(String.format("row path (POST /gifts per row), %d rows, %s donors: %d Twenty calls (%.3f per row), "
                            + "%d × 429, %.1f min = %.0f rows posted per minute, gate use %.0f %%, heap peak %.0f MB",
                    rows, donorsExist ? "known" : "new", calls, (double) calls / rows, stats.path("throttled").asLong(),
                    minutes, rows / minutes, 100.0 * calls / allowed(minutes), heap.peakMegabytes()));
        }
    }

    /** An empty workspace (with the donors when they exist) and a gate back to its full burst; the emulator's REST. */
    private String prepare(ServiceProcess service, int rows, boolean donorsExist) throws Exception {
        http.send("POST", twenty + "/twenty-emulator/_reset", null);
        String rest = twenty + "/twenty-emulator/rest";
        if (donorsExist) {
            // Made straight in the emulator with its throttle off, so that they cost the flow nothing; setting the
            // throttle back gives it a full bucket, as a quiet Twenty has.
            http.send("POST", twenty + "/twenty-emulator/_throttle", Map.of("ratePerMinute", 0));
            List<Map<String, Object>> people = new ArrayList<>();
            for (int i = 1; i <= rows; i++) {
                people.add(Map.of("name", Map.of("firstName", "Donor" + i, "lastName", "Surname" + (i % 37)),
                        "emails", Map.of("primaryEmail", "donor" + i + "@example.org")));
                if (people.size() == 60 || i == rows) {
                    http.send("POST", rest + "/batch/people", people);
                    people = new ArrayList<>();
                }
            }
            http.send("POST", twenty + "/twenty-emulator/_throttle", Map.of("ratePerMinute", 100));
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (http.send("GET", service.base() + "/api/fundraising/ops/rate-budget", null).path("tokensAvailable").asLong() < 10) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("the gate did not fill up again");
            }
            Thread.sleep(500);
        }
        return rest;
    }

    private JsonNode run(String batches, String type, Map<String, Double> stepMinutes) throws Exception {
        long started = System.nanoTime();
        String runId = http.send("POST", batches + "/" + type, Map.of()).path("runId").asText();
        return followed(batches, type, runId, started, stepMinutes);
    }

    private JsonNode followed(String batches, String type, String runId, long started, Map<String, Double> stepMinutes)
            throws Exception {
        while (true) {
            JsonNode snapshot = http.send("GET", batches + "/" + type + "/" + runId, null);
            if (snapshot.hasNonNull("finishedAt")) {
                if (!"completed".equals(snapshot.path("status").asText())) {
                    throw new AssertionError(type + " did not complete: " + snapshot);
                }
                stepMinutes.put(type.replace("donor-match/create-donors/run", "create-donors"), minutesSince(started));
                return snapshot;
            }
            Thread.sleep(250);
        }
    }

    private void clearStats(ServiceProcess service) throws Exception {
        http.send("DELETE", twenty + "/twenty-emulator/_stats", null);
    }

    private static String csv(int rows) {
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 1; i <= rows; i++) {
            csv.append("Donor").append(i).append(",Surname").append(i % 37).append(",donor").append(i)
                    .append("@example.org,12.50,GBP,2026-11-20,card\n");
        }
        return csv.toString();
    }

    private static double allowed(double minutes) {
        return minutes * GATE_PER_MINUTE;
    }

    private static double minutesSince(long started) {
        return (System.nanoTime() - started) / 60e9;
    }

    private static Map<String, String> rounded(Map<String, Double> minutes) {
        Map<String, String> out = new LinkedHashMap<>();
        minutes.forEach((step, value) -> out.put(step, String.format("%.2f", value)));
        return out;
    }

    /** The heap's peak over a flow, from the service's Prometheus metrics read every second. */
    private final class HeapPeak implements AutoCloseable {
        private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong peak = new AtomicLong();

        HeapPeak(ServiceProcess service) {
            sampler.scheduleAtFixedRate(() -> {
                try {
                    String metrics = plain.send(HttpRequest.newBuilder(URI.create(service.management() + "/q/metrics")).build(),
                            HttpResponse.BodyHandlers.ofString()).body();
                    Matcher pools = HEAP.matcher(metrics);
                    double used = 0;
                    while (pools.find()) {
                        used += Double.parseDouble(pools.group(1));
                    }
                    long bytes = (long) used;
                    peak.accumulateAndGet(bytes, Math::max);
                } catch (Exception ignored) {
                    // a missed sample only lowers the peak's precision
                }
            }, 0, 1, TimeUnit.SECONDS);
        }

        double peakMegabytes() {
            return peak.get() / 1e6;
        }

        @Override
        public void close() {
            sampler.shutdownNow();
        }
    }
}
