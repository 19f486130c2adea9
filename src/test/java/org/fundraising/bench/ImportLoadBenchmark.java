package org.fundraising.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hostile and heavy CSV uploads at once against the packaged service with the Kubernetes example's memory (a 512 MiB
 * limit, so a 384 MiB heap at its 75 %): four 20,000-row imports and four header-only files of 400,000 columns, sent
 * together, while {@code /health} is asked every 20 ms, from the first upload until the four import runs have staged
 * every row (the emulator in its own process, throttle and gate off, so the runs go as fast as the service can).
 * Prints /health p50/p99/max, the answers, minutes to stage, heap and resident memory peaks, and the event loop's
 * "blocked" warnings (the checker set to 100 ms); fails past the targets: p99 under 100 ms, no warning, heap under
 * 384 MiB and resident memory under 512 MiB.
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbench -Dtest=ImportLoadBenchmark}
 */
class ImportLoadBenchmark {

    private static final String KEY = "bench-import-key";
    private static final int ROWS = 20_000;
    private static final int COLUMNS = 400_000;
    private static final Pattern HEAP = Pattern.compile("(?m)^jvm_memory_used_bytes\\{area=\"heap\"[^}]*} ([0-9.E+]+)");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void heavyAndHostileUploadsAtOnce() throws Exception {
        try (ServiceProcess twenty = ServiceProcess.start("import-load-emulator", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", "0", "JAVA_TOOL_OPTIONS", "-Xmx2g"));
             ServiceProcess service = ServiceProcess.start("import-load", Map.of(
                     "TWENTY_API_BASE_URL", twenty.base() + "/twenty-emulator/rest", "TWENTY_API_KEY", KEY,
                     "FUNDRAISING_TWENTY_RATE_PER_MINUTE", "0", "JAVA_TOOL_OPTIONS", "-XX:MaxRAM=512m -XX:MaxRAMPercentage=75",
                     "QUARKUS_VERTX_MAX_EVENT_LOOP_EXECUTE_TIME", "100ms",
                     "FUNDRAISING_DATA_DIR", Files.createTempDirectory("import-load").toString()))) {
            List<String> batches = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                batches.add(json.readTree(send(service, "POST", "/api/fundraising/gift-batches", "application/json",
                        "{\"name\":\"Load " + i + "\"}").body()).path("data").path("createGiftBatch").path("id").asText());
            }
            byte[] rows = rows();
            byte[] wide = wide();

            List<Long> healthNanos = Collections.synchronizedList(new ArrayList<>());
            AtomicLong heapPeak = new AtomicLong();
            AtomicLong residentPeak = new AtomicLong();
            ScheduledExecutorService probes = Executors.newScheduledThreadPool(2);
            probes.scheduleAtFixedRate(() -> {
                long started = System.nanoTime();
                try {
                    int status = http.send(HttpRequest.newBuilder(URI.create(service.base() + "/health"))
                            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    healthNanos.add(status == 200 ? System.nanoTime() - started : Long.MAX_VALUE);
                } catch (Exception e) {
                    healthNanos.add(Long.MAX_VALUE);
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            probes.scheduleAtFixedRate(() -> {
                heapPeak.accumulateAndGet(heap(service), Math::max);
                residentPeak.accumulateAndGet(resident(service.pid()), Math::max);
            }, 0, 200, TimeUnit.MILLISECONDS);

            long started = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
            for (String batch : batches) {
                uploads.add(upload(service, batch, rows));
                uploads.add(upload(service, batch, wide));
            }
            Map<Integer, Integer> answers = new TreeMap<>();
            List<String> runs = new ArrayList<>();
            long widestAnswer = 0;
            for (int i = 0; i < uploads.size(); i++) {
                HttpResponse<String> answer = uploads.get(i).get(5, TimeUnit.MINUTES);
                answers.merge(answer.statusCode(), 1, Integer::sum);
                if (i % 2 == 0) {
                    runs.add(json.readTree(answer.body()).path("runId").asText());
                } else {
                    widestAnswer = Math.max(widestAnswer, answer.body().length());
                }
            }
            double answeredSeconds = (System.nanoTime() - started) / 1e9;
            int staged = 0;
            for (int i = 0; i < 4; i++) {
                staged += finished(service, batches.get(i), runs.get(i)).path("import").path("imported").asInt();
            }
            double stagedMinutes = (System.nanoTime() - started) / 6e10;
            probes.shutdownNow();

            long blocked = Files.readAllLines(service.log()).stream().filter(line -> line.contains("has been blocked")).count();
            double p50 = BenchFigures.percentile(healthNanos, 50) / 1e6;
            double p99 = BenchFigures.percentile(healthNanos, 99) / 1e6;
            double max = BenchFigures.percentile(healthNanos, 100) / 1e6;
            BenchFigures.print(String.format("import load: 4 x %,d rows + 4 x %,d columns at once: answers %s in %.1f s "
                    + "(the widest refusal %d bytes); %,d rows staged in %.1f min", ROWS, COLUMNS, answers, answeredSeconds,
                    widestAnswer, staged, stagedMinutes));
            BenchFigures.print(String.format("import load: /health over %d probes p50 %.1f ms, p99 %.1f ms, max %.1f ms; "
                    + "blocked-thread warnings %d; heap peak %d MiB, resident peak %d MiB", healthNanos.size(), p50, p99, max,
                    blocked, heapPeak.get() >> 20, residentPeak.get() >> 20));
            assertEquals(Map.of(202, 4, 400, 4), answers);
            assertEquals(4 * ROWS, staged);
            assertTrue(p99 < 100, "/health p99 " + p99 + " ms");
            assertEquals(0, blocked, "blocked-thread warnings");
            assertTrue(heapPeak.get() < 384L << 20, "heap peak " + (heapPeak.get() >> 20) + " MiB");
            assertTrue(residentPeak.get() < 512L << 20, "resident peak " + (residentPeak.get() >> 20) + " MiB");
        }
    }

    private CompletableFuture<HttpResponse<String>> upload(ServiceProcess service, String batch, byte[] csv) {
        return http.sendAsync(HttpRequest.newBuilder(URI.create(service.base() + "/api/fundraising/gift-batches/" + batch + "/import"))
                .timeout(Duration.ofMinutes(5)).header("Authorization", "Bearer " + KEY).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode finished(ServiceProcess service, String batch, String runId) throws Exception {
        while (true) {
            JsonNode snapshot = json.readTree(send(service, "GET", "/api/fundraising/gift-batches/" + batch + "/import/" + runId,
                    null, null).body());
            if (snapshot.hasNonNull("finishedAt")) {
                return snapshot;
            }
            Thread.sleep(500);
        }
    }

    private HttpResponse<String> send(ServiceProcess service, String method, String path, String type, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service.base() + path)).timeout(Duration.ofMinutes(1))
                .header("Authorization", "Bearer " + KEY);
        if (type != null) {
            request.header("Content-Type", type);
        }
        return http.send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private long heap(ServiceProcess service) {
        try {
            String metrics = http.send(HttpRequest.newBuilder(URI.create(service.management() + "/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            long used = 0;
            Matcher m = HEAP.matcher(metrics);
            while (m.find()) {
                used += (long) Double.parseDouble(m.group(1));
            }
            return used;
        } catch (Exception e) {
            return 0;
        }
    }

    private static long resident(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception ignored) {
            // the process has ended
        }
        return 0;
    }

    private static byte[] rows() {
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 1; i <= ROWS; i++) {
            csv.append("Donor").append(i).append(",Example,donor").append(i).append("@example.org,")
                    .append(1 + i % 90).append(".50,GBP,2026-11-20,card\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] wide() {
        StringBuilder header = new StringBuilder("amount");
        for (int i = 0; i < COLUMNS; i++) {
            header.append(",c").append(i);
        }
        return (header + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
