package org.fundraising.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.support.HttpJson;
import org.fundraising.support.ServiceProcess;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A full rollup rebuild over 20,000 gifts from 5,000 donors (people in households, companies, appeals,
 * opportunities; refunds, gifts in kind, another currency) in the packaged service's embedded emulator, with the
 * emulator throttling at Twenty's 100 calls a minute and the gate at its default 80 a minute (burst 10). The data
 * is loaded with the throttle off, then the rebuild runs twice: the first writes every donor's totals, the second
 * finds nothing changed. Printed for each: Twenty calls, records written, 429s, minutes. {@code -Dbench.gifts=},
 * {@code -Dbench.donors=} change the sizes, {@code -Dbench.pageSize=} the records Twenty serves a read (200, its
 * current source; 60 in older releases). Run with
 * {@code ./mvnw package -DskipTests && ./mvnw test -Pbench -Dtest=RollupBenchmark}.
 */
class RollupBenchmark {

    private static final String KEY = "bench-rollup-key";

    private final HttpJson http = new HttpJson(KEY);

    @Test
    void fullRebuildTwice() throws Exception {
        int gifts = Integer.parseInt(System.getProperty("bench.gifts", "20000"));
        int donors = Integer.parseInt(System.getProperty("bench.donors", "5000"));
        int pageSize = Integer.parseInt(System.getProperty("bench.pageSize", "200"));
        Map<String, String> env = new HashMap<>(Map.of("TWENTY_API_KEY", KEY,
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("bench-rollup").toString(),
                "FUNDRAISING_ROLLUP_REBUILD_CRON", "off", "FUNDRAISING_ROLLUP_INCREMENTAL", "false"));
        try (ServiceProcess service = ServiceProcess.start("bench-rollup", env)) {
            String emulator = service.base() + "/twenty-emulator";
            http.send("POST", emulator + "/_throttle", Map.of("ratePerMinute", 0, "retryAfter", false));
            http.send("POST", emulator + "/_limits", Map.of("queryMaxRecords", pageSize));
            long loading = System.nanoTime();
            Fixture fixture = load(emulator + "/rest", gifts, donors, Math.min(pageSize, 60));
            BenchFigures.print(String.format("rollups: loaded %d gifts, %d people in %d households, %d companies, %d appeals, "
                            + "%d opportunities in %.1f s (throttle off)", gifts, fixture.people, fixture.households,
                    fixture.companies, fixture.appeals, fixture.opportunities, (System.nanoTime() - loading) / 1e9));
            http.send("POST", emulator + "/_throttle", Map.of("ratePerMinute", 100, "retryAfter", false));

            JsonNode first = rebuild(service, emulator, "first rebuild", pageSize);
            JsonNode second = rebuild(service, emulator, "second rebuild, nothing changed", pageSize);
            assertEquals(0, second.path("recordsWritten").asLong(), "the second rebuild wrote");
            long parents = fixture.people + fixture.households + fixture.companies + fixture.appeals + fixture.opportunities;
            BenchFigures.print(String.format("rollups: the original engine's way (a read of each parent's gifts and a write of "
                    + "every parent, each run) would be %d calls a run: %.0f min at 80 a minute, against %d and %d here",
                    2 * parents, 2 * parents / 80.0, first.path("twentyCalls").asLong(), second.path("twentyCalls").asLong()));
        }
    }

    private JsonNode rebuild(ServiceProcess service, String emulator, String what, int pageSize) throws Exception {
        http.send("DELETE", emulator + "/_stats", null);
        long started = System.nanoTime();
        String runId = http.send("POST", service.base() + "/api/fundraising/rollups/rebuild", Map.of()).path("runId").asText();
        JsonNode run;
        do {
            Thread.sleep(2000);
            run = http.send("GET", service.base() + "/api/fundraising/rollups/runs/" + runId, null);
        } while ("running".equals(run.path("status").asText()));
        double minutes = (System.nanoTime() - started) / 6e10;
        assertEquals("completed", run.path("status").asText(), run.toString());
        JsonNode stats = http.send("GET", emulator + "/_stats", null);
        BenchFigures.print(String.format("rollups, %s (%d records a read): %d gifts and %d parents read, changed %s, %d records "
                        + "written; %d Twenty calls (%d at the emulator), %d × 429, most calls in any minute %d; %.2f min",
                what, pageSize, run.path("giftsRead").asLong(), run.path("parentsRead").asLong(), run.path("changed"),
                run.path("recordsWritten").asLong(), run.path("twentyCalls").asLong(), stats.path("calls").asLong(),
                stats.path("throttled").asLong(), stats.path("maxCallsInAnyMinute").asLong(), minutes));
        return run;
    }

    private record Fixture(int people, int households, int companies, int appeals, int opportunities) {
    }

    /** People (two in five in a household of two or three), companies, appeals and opportunities, then the gifts. */
    private Fixture load(String rest, int giftCount, int donors, int perCall) throws Exception {
        Random random = new Random(20261130L);
        int companies = Math.max(1, donors / 25);
        int people = donors - companies;
        List<String> householdIds = ids(people / 6);
        List<String> companyIds = ids(companies);
        List<String> appealIds = ids(20);
        List<String> opportunityIds = ids(50);
        create(rest, "households", householdIds, id -> Map.of("name", "Household " + id.substring(0, 8)), perCall);
        create(rest, "companies", companyIds, id -> Map.of("name", "Company " + id.substring(0, 8)), perCall);
        create(rest, "appeals", appealIds, id -> Map.of("name", "Appeal " + id.substring(0, 8)), perCall);
        create(rest, "opportunities", opportunityIds, id -> Map.of("name", "Grant " + id.substring(0, 8)), perCall);
        List<String> personIds = ids(people);
        create(rest, "people", personIds, id -> {
            Map<String, Object> person = new HashMap<>(Map.of("name", Map.of("firstName", "Donor", "lastName", id.substring(0, 8))));
            int slot = Math.abs(id.hashCode()) % 5;
            if (slot < 2) {
                person.put("householdId", householdIds.get(Math.abs(id.hashCode() / 5) % householdIds.size()));
            }
            return person;
        }, perCall);
        List<Map<String, Object>> gifts = new ArrayList<>();
        LocalDate first = LocalDate.now().minusYears(3);
        for (int i = 0; i < giftCount; i++) {
            Map<String, Object> gift = new HashMap<>();
            gift.put("id", UUID.randomUUID().toString());
            boolean organisation = random.nextInt(10) == 0;
            gift.put(organisation ? "companyId" : "donorId", organisation ? pick(random, companyIds) : personIds.get(i % personIds.size()));
            long micros = (5 + random.nextInt(500)) * 1_000_000L;
            gift.put("amount", Map.of("amountMicros", micros, "currencyCode", random.nextInt(20) == 0 ? "USD" : "GBP"));
            gift.put("giftDate", first.plusDays(random.nextInt(3 * 365)).toString());
            if (random.nextInt(5) < 3) {
                gift.put("appealId", pick(random, appealIds));
            }
            if (random.nextInt(20) == 0) {
                gift.put("opportunityId", pick(random, opportunityIds));
            }
            if (random.nextInt(33) == 0) {
                gift.put("isInKind", true);
            }
            int refund = random.nextInt(40);
            if (refund < 3) {
                gift.put("refundedAmount", Map.of("amountMicros", refund == 0 ? micros : micros / 2, "currencyCode", "GBP"));
            }
            gifts.add(gift);
        }
        for (int from = 0; from < gifts.size(); from += perCall) {
            http.send("POST", rest + "/batch/gifts", gifts.subList(from, Math.min(gifts.size(), from + perCall)));
        }
        return new Fixture(people, householdIds.size(), companies, appealIds.size(), opportunityIds.size());
    }

    private void create(String rest, String plural, List<String> ids, Function<String, Map<String, Object>> record,
                        int perCall) throws Exception {
        for (int from = 0; from < ids.size(); from += perCall) {
            List<Map<String, Object>> batch = new ArrayList<>();
            for (String id : ids.subList(from, Math.min(ids.size(), from + perCall))) {
                Map<String, Object> body = new HashMap<>(record.apply(id));
                body.put("id", id);
                batch.add(body);
            }
            http.send("POST", rest + "/batch/" + plural, batch);
        }
    }

    private static List<String> ids(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(UUID.randomUUID().toString());
        }
        return ids;
    }

    private static String pick(Random random, List<String> from) {
        return from.get(random.nextInt(from.size()));
    }
}
