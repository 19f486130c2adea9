package org.fundraising.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fundraising.support.HttpJson;
import org.fundraising.support.ServiceProcess;
import org.fundraising.support.SignedStripeEvents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chaos harness: Twenty (the emulator) in a process of its own, injecting faults; the packaged service in
 * another, killed with SIGKILL and restarted on the same data and port; and clients that post a CSV gift batch,
 * signed Stripe and GoCardless events (some twice) and gifts through the API, resending whatever was not
 * answered for good. At the end Twenty's records are checked gift by gift: each gift has an amount of its own,
 * so a gift lost, posted twice or posted from nowhere shows up by its amount.
 */
public final class ChaosRun {

    private static final String KEY = "chaos-key";
    private static final String STRIPE_SECRET = "whsec_chaos";
    private static final String GOCARDLESS_SECRET = "gc_chaos_secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FAULT_MODE = Pattern.compile("\"event\":\"twenty_emulator_fault\".*?\"mode\":\"([a-z_]+)\"|\"mode\":\"([a-z_]+)\".*?\"event\":\"twenty_emulator_fault\"");

    private final ChaosPlan plan;
    private final HttpJson twenty = new HttpJson(KEY);
    private final ChaosFigures figures = new ChaosFigures();
    private final ServiceMeters meters = new ServiceMeters();
    private final AtomicReference<ServiceProcess> service = new AtomicReference<>();
    private final List<Path> serviceLogs = new ArrayList<>();
    private String emulatorBase;
    private String rest;

    private ChaosRun(ChaosPlan plan) {
        this.plan = plan;
    }

    public static ChaosFigures run(ChaosPlan plan) throws Exception {
        return new ChaosRun(plan).go();
    }

    private ChaosFigures go() throws Exception {
        long started = System.nanoTime();
        try (FakeGoCardless goCardless = new FakeGoCardless();
             ServiceProcess emulator = ServiceProcess.start("chaos-twenty", Map.of("FUNDRAISING_ROLE", "twenty-emulator",
                     "TWENTY_API_KEY", KEY, "FUNDRAISING_EMULATOR_RATE_PER_MINUTE", String.valueOf(plan.ratePerMinute())))) {
            emulatorBase = emulator.base();
            rest = emulatorBase + "/twenty-emulator/rest";
            List<String> agreements = directDebitAgreements();
            Map<String, String> env = serviceEnvironment(goCardless);
            service.set(ServiceProcess.start("chaos-service", env));
            serviceLogs.add(service.get().log());
            meters.follow(service.get());
            String base = service.get().base();
            Driver driver = new Driver(base, KEY, Duration.ofMinutes(25));
            String batch = driver.persist("batch created", "POST", "/api/fundraising/gift-batches", json(),
                    "{\"name\":\"Chaos deposit\",\"source\":\"csv\"}").body().path("data").path("createGiftBatch").path("id").asText();

            backgroundFaults();
            ExecutorService clients = Executors.newFixedThreadPool(8);
            List<CompletableFuture<Void>> work = new ArrayList<>();
            work.add(CompletableFuture.runAsync(() -> batchFlow(driver, batch), clients));
            work.add(CompletableFuture.runAsync(() -> stripeFlow(driver), clients));
            work.add(CompletableFuture.runAsync(() -> goCardlessFlow(driver, goCardless), clients));
            for (int lane = 0; lane < 4; lane++) {
                int first = lane;
                work.add(CompletableFuture.runAsync(() -> manualGifts(driver, first, 4), clients));
            }
            CompletableFuture<Void> all = CompletableFuture.allOf(work.toArray(CompletableFuture[]::new));
            chaos(env, all);
            all.join();
            clients.shutdown();
            twenty.send("DELETE", emulatorBase + "/twenty-emulator/_faults", null);
            figures.workDoneSeconds = (System.nanoTime() - started) / 1e9;

            awaitQuiet(driver);
            verify(driver, agreements);
            figures.driverStatuses = driver.statuses();
            figures.resends = driver.resends();
            figures.retries = meters.retries();
            figures.rateLimitedSeen = meters.rateLimited();
            figures.faults = faultsInjected(emulator.log());
            for (Path log : serviceLogs) {
                String text = Files.readString(log);
                figures.circuitOpened += occurrences(text, "\"event\":\"twenty_circuit_opened\"");
                figures.circuitClosed += occurrences(text, "\"event\":\"twenty_circuit_closed\"");
            }
            JsonNode stats = twenty.send("GET", emulatorBase + "/twenty-emulator/_stats", null);
            figures.twentyCalls = stats.path("calls").asLong();
            figures.throttled = stats.path("throttled").asLong();
        } finally {
            ServiceProcess last = service.get();
            if (last != null) {
                meters.stop();
                last.close();
            }
        }
        figures.wallSeconds = (System.nanoTime() - started) / 1e9;
        return figures;
    }

    // ---- the workload ----

    private void batchFlow(Driver driver, String batch) {
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 1; i <= plan.csvRows(); i++) {
            csv.append("Row").append(i).append(",Chaos,chaos-row-").append(i).append("@example.org,")
                    .append(pounds(csvPence(i))).append(",GBP,2026-11-20,card\n");
        }
        String file = csv.toString();
        figures.importAnswer = importUntilDone(driver, batch, file);
        figures.runs.put("donor-match", run(driver, batch, "donor-match", "/donor-match"));
        figures.runs.put("create-donors", run(driver, batch, "donor-match/create-donors/run", "/donor-match/create-donors/run"));
        figures.runs.put("process", run(driver, batch, "process", "/process"));
    }

    /**
     * The file uploaded (or the import already running followed) until an import of it has completed: one that failed
     * (Twenty out for longer than a run waits) is uploaded again, as a person would. Answers its status and result.
     */
    private String importUntilDone(Driver driver, String batch, String file) {
        String path = "/api/fundraising/gift-batches/" + batch + "/";
        for (int attempt = 1; ; attempt++) {
            Driver.Answer started = driver.persist("CSV import", "POST", path + "import", Map.of("Content-Type", "text/csv"), file);
            JsonNode snapshot = started.status() == 409 ? started.body().path("details").path(0) : started.body();
            String runId = snapshot.path("runId").asText();
            if (runId.isEmpty()) {
                return "not started: " + started.status() + " " + started.body();
            }
            Driver.Answer finished = driver.until("CSV import finished",
                    () -> driver.once("GET", path + "import/" + runId, Map.of(), null),
                    answer -> answer.status() == 200 && answer.body().hasNonNull("finishedAt"));
            String status = finished.body().path("status").asText();
            if (!"failed".equals(status) || attempt == 5) {
                return status + " " + finished.body().path("import");
            }
        }
    }

    /** A run started (or, if one is already active, that one) and followed until it has finished; answers its status. */
    private String run(Driver driver, String batch, String start, String follow) {
        String path = "/api/fundraising/gift-batches/" + batch + "/";
        Driver.Answer started = driver.persist(start, "POST", path + start, json(), "{}");
        JsonNode snapshot = started.status() == 409 ? started.body().path("details").path(0) : started.body();
        String runId = snapshot.path("runId").asText();
        if (runId.isEmpty()) {
            return "not started: " + started.status() + " " + started.body();
        }
        Driver.Answer finished = driver.until(start + " finished",
                () -> driver.once("GET", path + follow.substring(1) + "/" + runId, Map.of(), null),
                answer -> answer.status() == 200 && answer.body().hasNonNull("finishedAt"));
        return finished.body().path("status").asText() + " " + finished.body().path("counters");
    }

    private void stripeFlow(Driver driver) {
        for (int i = 1; i <= plan.stripeEvents(); i++) {
            String eventId = "evt_chaos_" + i;
            String body = SignedStripeEvents.checkout(eventId, "pi_chaos_" + i, stripePence(i), "gbp", "Stripe" + i + " Donor",
                    "stripe" + i + "@example.org");
            deliverStripe(driver, body);
            if (i % plan.repeatEvery() == 0) {
                deliverStripe(driver, body);
                figures.repeatedDeliveries.incrementAndGet();
            } else if (i % plan.repeatEvery() == 1) {
                deliverStripe(driver, body.replace("\"id\":\"" + eventId + "\"", "\"id\":\"" + eventId + "_again\""));
                figures.repeatedDeliveries.incrementAndGet();
            }
        }
    }

    private void deliverStripe(Driver driver, String body) {
        Driver.Answer answer = driver.until("Stripe event", () -> driver.once("POST", "/api/fundraising/webhooks/stripe",
                Map.of("Content-Type", "application/json",
                        "Stripe-Signature", SignedStripeEvents.signature(body, Instant.now().getEpochSecond(), STRIPE_SECRET)), body),
                Driver::isFinal);
        figures.deliveries.incrementAndGet();
        if (answer.status() != 204) {
            figures.refusedDeliveries.add(answer.status() + " " + answer.body());
        }
    }

    private void goCardlessFlow(Driver driver, FakeGoCardless goCardless) {
        List<String> events = new ArrayList<>();
        for (int i = 1; i <= plan.goCardlessEvents(); i++) {
            int agreement = i % plan.agreements();
            goCardless.payment("PM_CHAOS_" + i, goCardlessPence(i), "MD_CHAOS_" + agreement, "SB_CHAOS_" + agreement);
            events.add("{\"id\":\"EV_CHAOS_" + i + "\",\"created_at\":\"2026-11-30T10:00:00.000Z\",\"resource_type\":\"payments\","
                    + "\"action\":\"confirmed\",\"links\":{\"payment\":\"PM_CHAOS_" + i + "\"}}");
            if (events.size() == 3 || i == plan.goCardlessEvents()) {
                String body = "{\"events\":[" + String.join(",", events) + "]}";
                deliverGoCardless(driver, body);
                if (i % (plan.repeatEvery() * 3) < 3) {
                    deliverGoCardless(driver, body);
                    figures.repeatedDeliveries.incrementAndGet();
                }
                events.clear();
            }
        }
    }

    private void deliverGoCardless(Driver driver, String body) {
        Driver.Answer answer = driver.persist("GoCardless events", "POST", "/api/fundraising/webhooks/gocardless",
                Map.of("Content-Type", "application/json", "Webhook-Signature", SignedStripeEvents.hmac(GOCARDLESS_SECRET, body)), body);
        figures.deliveries.incrementAndGet();
        if (answer.status() != 204) {
            figures.refusedDeliveries.add(answer.status() + " " + answer.body());
        }
    }

    private void manualGifts(Driver driver, int first, int step) {
        for (int i = first + 1; i <= plan.manualGifts(); i += step) {
            String body = "{\"amount\":{\"amountMicros\":" + manualPence(i) * 10_000L + ",\"currencyCode\":\"GBP\"},"
                    + "\"giftDate\":\"2026-11-20\",\"paymentMethod\":\"card\",\"autoProcess\":true,\"donorDecision\":\"create\","
                    + "\"contact\":{\"firstName\":\"Manual" + i + "\",\"lastName\":\"Chaos\",\"email\":\"manual" + i + "@example.org\"}}";
            Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", "chaos-manual-" + i);
            Driver.Answer answer = driver.persist("gift " + i, "POST", "/api/fundraising/gifts", headers, body);
            if (answer.status() != 200) {
                figures.refusedGifts.add(answer.status() + " " + answer.body());
            }
            if (i % plan.repeatEvery() == 0) {
                driver.persist("gift " + i + " again", "POST", "/api/fundraising/gifts", headers, body);
                figures.repeatedDeliveries.incrementAndGet();
            }
        }
    }

    // ---- the chaos ----

    /** Kills, the outage and the 429 storms, on a timetable, while the work goes on. */
    private void chaos(Map<String, String> env, CompletableFuture<Void> work) throws Exception {
        long start = System.nanoTime();
        long killEvery = plan.killEvery().toMillis();
        long outageAt = killEvery + killEvery / 3;
        long stormEvery = Math.max(2_000, killEvery * plan.kills() / Math.max(1, plan.storms()));
        int kills = 0;
        int storms = 0;
        boolean outageDone = false;
        while (kills < plan.kills() || !outageDone || storms < plan.storms()) {
            long now = (System.nanoTime() - start) / 1_000_000;
            if (storms < plan.storms() && now >= stormEvery * storms + stormEvery / 2) {
                Map<String, Object> storm = new HashMap<>(Map.of("path", "/rest/.*", "mode", "rate_limit", "times", 25));
                if (storms % 2 == 0) {
                    storm.put("retryAfterSeconds", 2);
                }
                twenty.send("POST", emulatorBase + "/twenty-emulator/_faults", storm);
                storms++;
            }
            if (!outageDone && now >= outageAt) {
                twenty.send("POST", emulatorBase + "/twenty-emulator/_faults", Map.of("path", "/rest/.*", "mode", "error", "status", 503));
                Driver.pause(plan.outage().toMillis());
                twenty.send("DELETE", emulatorBase + "/twenty-emulator/_faults", null);
                backgroundFaults();
                outageDone = true;
                continue;
            }
            if (kills < plan.kills() && now >= killEvery * (kills + 1)) {
                meters.stop();
                service.get().kill();
                kills++;
                service.set(ServiceProcess.start("chaos-service", env));
                serviceLogs.add(service.get().log());
                meters.follow(service.get());
                figures.restarts++;
            }
            Driver.pause(200);
        }
        figures.outageSeconds = plan.outage().toSeconds();
        figures.storms = storms;
    }

    /** 10 % 5xx, timeouts (half of them on writes stored before the silence), connection resets. */
    private void backgroundFaults() throws Exception {
        double half = plan.timeoutShare() / 2;
        List<Map<String, Object>> faults = List.of(
                Map.of("path", "/rest/.*", "mode", "error", "status", 500, "share", plan.errorShare() / 2),
                Map.of("path", "/rest/.*", "mode", "error", "status", 503, "share", plan.errorShare() / 2),
                Map.of("path", "/rest/.*", "method", "POST", "mode", "store_then_timeout", "share", half),
                Map.of("path", "/rest/.*", "mode", "timeout", "share", half),
                Map.of("path", "/rest/.*", "mode", "reset", "share", plan.resetShare()));
        for (Map<String, Object> fault : faults) {
            twenty.send("POST", emulatorBase + "/twenty-emulator/_faults", fault);
        }
    }

    // ---- the end ----

    /** Waits until nothing is left to do: the webhook inbox empty, no row in processing, no gift appearing any more. */
    private void awaitQuiet(Driver driver) throws Exception {
        int stable = 0;
        int lastCount = -1;
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (stable < 5 && System.nanoTime() < deadline) {
            JsonNode inbox = driver.once("GET", "/api/fundraising/webhooks/events", Map.of(), null).body().path("inbox");
            int count = twenty.count(rest, "gifts", null);
            boolean drained = inbox.path("waiting").asLong(-1) == 0 && inbox.path("inFlight").asLong(-1) == 0
                    && twenty.count(rest, "giftStagings", "processingStatus[eq]:\"processing\"") == 0;
            stable = drained && count == lastCount ? stable + 1 : 0;
            lastCount = count;
            Driver.pause(1000);
        }
        figures.inbox = driver.once("GET", "/api/fundraising/webhooks/events", Map.of(), null).body().path("inbox").toString();
    }

    private void verify(Driver driver, List<String> agreements) throws Exception {
        Map<Long, Integer> expected = new TreeMap<>();
        for (int i = 1; i <= plan.csvRows(); i++) {
            expected.put(csvPence(i) * 10_000L, 0);
        }
        for (int i = 1; i <= plan.stripeEvents(); i++) {
            expected.put(stripePence(i) * 10_000L, 0);
        }
        for (int i = 1; i <= plan.goCardlessEvents(); i++) {
            expected.put(goCardlessPence(i) * 10_000L, 0);
        }
        for (int i = 1; i <= plan.manualGifts(); i++) {
            expected.put(manualPence(i) * 10_000L, 0);
        }
        Map<String, Integer> giftsPerAgreement = new HashMap<>();
        for (JsonNode gift : all("gifts")) {
            long micros = gift.path("amount").path("amountMicros").asLong();
            if (expected.containsKey(micros)) {
                expected.merge(micros, 1, Integer::sum);
            } else {
                figures.unexpected.add(gift.path("id").asText() + " " + micros);
            }
            if (gift.hasNonNull("recurringAgreementId")) {
                giftsPerAgreement.merge(gift.path("recurringAgreementId").asText(), 1, Integer::sum);
            }
        }
        figures.expectedGifts = expected.size();
        expected.forEach((micros, count) -> {
            if (count == 0) {
                figures.lost.add(micros);
            } else if (count > 1) {
                figures.duplicated.put(micros, count);
            }
            figures.found += count;
        });
        for (JsonNode row : all("giftStagings")) {
            String status = row.path("processingStatus").asText();
            figures.stagingRows.merge(status, 1, Integer::sum);
            boolean terminal = status.equals("processed") || (!row.path("errorDetail").asText().isBlank()
                    && (status.equals("process_failed") || status.equals("failed")));
            if (!terminal) {
                figures.openRows.add(row.path("id").asText() + " " + status + " " + row.path("errorDetail").asText());
            } else if (!status.equals("processed")) {
                figures.failedRows.add(row.path("id").asText() + " (gift " + (row.hasNonNull("giftId") ? "linked" : "none")
                        + "): " + row.path("errorDetail").asText());
            }
        }
        for (String agreement : agreements) {
            JsonNode record = twenty.send("GET", rest + "/recurringAgreements/" + agreement, null).path("data").path("recurringAgreement");
            int paid = record.path("paidInstallmentCount").asInt();
            int gifts = giftsPerAgreement.getOrDefault(agreement, 0);
            if (paid != gifts) {
                figures.agreementMismatches.add(agreement + ": paidInstallmentCount " + paid + ", gifts " + gifts);
            }
        }
        figures.rollupsChanged = rollupsDifferingFromARecomputation(driver);
    }

    /** A dry-run rebuild counts the parents whose stored totals differ from totals recomputed from every gift. */
    private Map<String, Long> rollupsDifferingFromARecomputation(Driver driver) {
        Map<String, Long> changed = new LinkedHashMap<>();
        for (int attempt = 0; attempt < 6; attempt++) {
            Driver.Answer started = driver.persist("rollup dry run", "POST", "/api/fundraising/rollups/rebuild", json(), "{\"dryRun\":true}");
            String runId = started.body().path("runId").asText();
            Driver.Answer done = driver.until("rollup dry run finished",
                    () -> driver.once("GET", "/api/fundraising/rollups/runs/" + runId, Map.of(), null),
                    answer -> answer.status() == 200 && answer.body().hasNonNull("finishedAt"));
            changed.clear();
            done.body().path("changed").fields().forEachRemaining(e -> {
                if (e.getValue().asLong() > 0) {
                    changed.put(e.getKey(), e.getValue().asLong());
                }
            });
            if (changed.isEmpty()) {
                break;
            }
            Driver.pause(5000);  // the incremental worker may still be catching up
        }
        return changed;
    }

    private List<JsonNode> all(String plural) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = twenty.send("GET", rest + "/" + plural + "?limit=60" + (cursor == null ? "" : "&starting_after=" + cursor), null);
            page.path("data").path(plural).forEach(records::add);
            cursor = page.path("pageInfo").path("hasNextPage").asBoolean() ? page.path("pageInfo").path("endCursor").asText() : null;
        } while (cursor != null);
        return records;
    }

    // ---- set-up ----

    private List<String> directDebitAgreements() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int a = 0; a < plan.agreements(); a++) {
            String donor = twenty.send("POST", rest + "/people", Map.of("name", Map.of("firstName", "Debit" + a, "lastName", "Chaos")))
                    .path("data").path("createPerson").path("id").asText();
            ids.add(twenty.send("POST", rest + "/recurringAgreements", Map.of("name", "DD " + a, "donorId", donor, "status", "active",
                    "cadence", "monthly", "intervalCount", 1, "provider", "gocardless", "providerAgreementId", "SB_CHAOS_" + a,
                    "mandateReference", "MD_CHAOS_" + a, "startDate", "2026-01-01",
                    "amount", Map.of("amountMicros", 10_000_000, "currencyCode", "GBP"))).path("data").path("createRecurringAgreement")
                    .path("id").asText());
        }
        return ids;
    }

    private Map<String, String> serviceEnvironment(FakeGoCardless goCardless) throws Exception {
        Path data = Files.createTempDirectory("chaos-service");
        Map<String, String> env = new HashMap<>();
        env.put("PORT", String.valueOf(ServiceProcess.freePort()));
        env.put("FUNDRAISING_MANAGEMENT_PORT", String.valueOf(ServiceProcess.freePort()));
        env.put("FUNDRAISING_DATA_DIR", data.toString());
        env.put("TWENTY_API_BASE_URL", rest);
        env.put("TWENTY_API_KEY", KEY);
        env.put("FUNDRAISING_TWENTY_RATE_PER_MINUTE", String.valueOf(plan.ratePerMinute() * 4 / 5));
        env.put("FUNDRAISING_TWENTY_TIMEOUT_MS", "2000");
        env.put("STRIPE_WEBHOOK_SECRET", STRIPE_SECRET);
        env.put("GOCARDLESS_WEBHOOK_SECRET", GOCARDLESS_SECRET);
        env.put("GOCARDLESS_ACCESS_TOKEN", FakeGoCardless.TOKEN);
        env.put("GOCARDLESS_API_BASE_URL", goCardless.base());
        env.put("FUNDRAISING_WEBHOOK_RETRY_BASE_MS", "500");
        env.put("FUNDRAISING_BATCH_RUN_LEASE_MS", "3000");
        env.put("FUNDRAISING_ROLLUP_REBUILD_CRON", "off");
        env.put("FUNDRAISING_STAGING_PROCESSING_STALE_MS", "10000");
        return env;
    }

    private Map<String, Integer> faultsInjected(Path emulatorLog) throws Exception {
        Map<String, Integer> faults = new TreeMap<>();
        for (String line : Files.readAllLines(emulatorLog)) {
            Matcher mode = FAULT_MODE.matcher(line);
            if (mode.find()) {
                faults.merge(mode.group(1) != null ? mode.group(1) : mode.group(2), 1, Integer::sum);
            }
        }
        return faults;
    }

    private static int occurrences(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static long csvPence(int i) {
        return 100_000 + i;
    }

    private static long stripePence(int i) {
        return 200_000 + i;
    }

    private static long goCardlessPence(int i) {
        return 300_000 + i;
    }

    private static long manualPence(int i) {
        return 400_000 + i;
    }

    private static String pounds(long pence) {
        return pence / 100 + "." + String.format("%02d", pence % 100);
    }
}
