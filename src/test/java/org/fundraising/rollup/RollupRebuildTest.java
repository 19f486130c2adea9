package org.fundraising.rollup;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.money;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Full rebuilds against the emulator: what counts (refunds, in kind, other currencies, deleted gifts), households
 * made of their members, appeals' distinct contributors, a dry run that writes nothing and says what the real one
 * costs, a second run that only reads, and a parent whose gifts were all deleted set back to zero.
 */
@QuarkusTest
class RollupRebuildTest {

    static final String REBUILD = "/api/fundraising/rollups/rebuild";

    private final LocalDate yearStart = LocalDate.now(ZoneId.of("Europe/London")).withDayOfYear(1);
    private String ada;
    private String ben;
    private String cat;
    private String dan;
    private String home;
    private String acme;
    private String appeal;
    private String opportunity;
    private String danGift;

    @BeforeEach
    void fixture() {
        EmulatorControl.reset();
        home = EmulatorControl.create("households", Map.of("name", "The Lovelaces"));
        ada = person("Ada", home);
        ben = person("Ben", home);
        cat = person("Cat", null);
        dan = person("Dan", null);
        person("Eve", null);
        acme = EmulatorControl.create("companies", Map.of("name", "Acme"));
        appeal = EmulatorControl.create("appeals", Map.of("name", "Winter"));
        opportunity = EmulatorControl.create("opportunities", Map.of("name", "Acme grant"));
        gift(Map.of("donorId", ada, "appealId", appeal), 100_000_000, "GBP", yearStart.minusMonths(7));
        gift(Map.of("donorId", ada, "appealId", appeal, "refundedAmount", money(20_000_000, "GBP")), 50_000_000, "GBP",
                yearStart.plusDays(68));
        gift(Map.of("donorId", ada), 25_000_000, "USD", yearStart.plusDays(90));
        gift(Map.of("donorId", ben, "isInKind", true), 10_000_000, "GBP", yearStart.plusDays(150));
        gift(Map.of("donorId", ben, "refundedAmount", money(40_000_000, "GBP")), 40_000_000, "GBP", yearStart.plusDays(181));
        gift(Map.of("donorId", ben, "appealId", appeal, "opportunityId", opportunity), 60_000_000, "GBP", yearStart.plusDays(226));
        gift(Map.of("donorId", cat), 5_000_000, "GBP", yearStart.minusDays(1));
        gift(Map.of("companyId", acme, "appealId", appeal, "opportunityId", opportunity), 500_000_000, "GBP", yearStart.plusDays(243));
        danGift = gift(Map.of("donorId", dan), 70_000_000, "GBP", yearStart.plusDays(32));
        EmulatorControl.clearStats();
    }

    @Test
    void aDryRunWritesNothingAndCostsWhatTheRunThenCosts() {
        JsonPath dry = rebuild(Map.of("dryRun", true));
        assertEquals(Map.of("person", 4, "household", 1, "company", 1, "appeal", 1, "opportunity", 1), dry.getMap("changed"));
        assertEquals(0, dry.getInt("recordsWritten"));
        assertEquals(9, dry.getInt("giftsRead"));
        // One page each of gifts, people, households, companies, appeals, opportunities; then one write per kind.
        assertEquals(6, dry.getInt("twentyCalls"));
        assertEquals(11, dry.getInt("plannedCalls"));
        assertEquals(6L, EmulatorControl.stats().getLong("calls"));
        assertNull(EmulatorControl.get("people", ada).get("data.person.lifetimeGiftCount"));
        assertTrue(EmulatorControl.lastQuery("GET", "/rest/gifts").get("fields").contains("donorId"),
                "gifts are read with only the fields the totals need");

        EmulatorControl.clearStats();
        JsonPath real = rebuild(Map.of());
        assertEquals("completed", real.getString("status"));
        assertEquals(8, real.getInt("recordsWritten"));
        assertEquals(dry.getInt("plannedCalls"), real.getInt("twentyCalls"));
        assertEquals(11L, EmulatorControl.stats().getLong("calls"));
        assertEquals(1L, EmulatorControl.calls("POST /rest/batch/people"));
    }

    @Test
    void totalsCountCashInTheBaseCurrencyNetOfRefunds() {
        rebuild(Map.of());
        JsonPath a = EmulatorControl.get("people", ada);
        assertDonor(a, "data.person", 130_000_000, 2, yearStart.minusMonths(7), yearStart.plusDays(68), 30_000_000, 100_000_000,
                30_000_000, 1, 1);
        assertDonor(EmulatorControl.get("people", ben), "data.person", 60_000_000, 1, yearStart.plusDays(226),
                yearStart.plusDays(226), 60_000_000, 60_000_000, 60_000_000, 1, 0);
        assertDonor(EmulatorControl.get("households", home), "data.household", 190_000_000, 3, yearStart.minusMonths(7),
                yearStart.plusDays(226), 60_000_000, 100_000_000, 90_000_000, 2, 1);
        assertDonor(EmulatorControl.get("people", cat), "data.person", 5_000_000, 1, yearStart.minusDays(1),
                yearStart.minusDays(1), 5_000_000, 5_000_000, 0, 0, 0);
        assertDonor(EmulatorControl.get("companies", acme), "data.company", 500_000_000, 1, yearStart.plusDays(243),
                yearStart.plusDays(243), 500_000_000, 500_000_000, 500_000_000, 1, 0);
        JsonPath p = EmulatorControl.get("appeals", appeal);
        assertEquals(690_000_000L, p.getLong("data.appeal.raisedAmount.amountMicros"));
        assertEquals(4, p.getInt("data.appeal.giftCount"));
        assertEquals(3, p.getInt("data.appeal.donorCount"), "Ada, Ben and Acme");
        assertTrue(p.getString("data.appeal.lastGiftAt").startsWith(yearStart.plusDays(243).toString()));
        JsonPath o = EmulatorControl.get("opportunities", opportunity);
        assertEquals(2, o.getInt("data.opportunity.giftsCount"));
        assertEquals(560_000_000L, o.getLong("data.opportunity.giftsReceivedAmount.amountMicros"));
    }

    @Test
    void aSecondRunOnlyReadsAndAParentWhoseGiftsAreGoneGoesBackToZero() {
        rebuild(Map.of());
        EmulatorControl.clearStats();
        JsonPath again = rebuild(Map.of());
        assertEquals(0, again.getInt("recordsWritten"));
        assertEquals(Map.of("person", 0, "household", 0, "company", 0, "appeal", 0, "opportunity", 0), again.getMap("changed"));
        assertEquals(6, again.getInt("twentyCalls"));
        assertEquals(0L, EmulatorControl.callsByRoute().entrySet().stream()
                .filter(e -> !e.getKey().startsWith("GET ")).mapToLong(Map.Entry::getValue).sum(), "no writes");

        EmulatorControl.control().delete(EmulatorControl.REST + "/gifts/" + danGift + "?soft_delete=true").then().statusCode(200);
        JsonPath after = rebuild(Map.of("scope", List.of("person")));
        assertEquals(Map.of("person", 1), after.getMap("changed"));
        JsonPath d = EmulatorControl.get("people", dan);
        assertEquals(0L, d.getLong("data.person.lifetimeGiftAmount.amountMicros"));
        assertEquals(0, d.getInt("data.person.lifetimeGiftCount"));
        assertNull(d.get("data.person.firstGiftDate"));
        assertNull(d.get("data.person.lastGiftDate"));
    }

    @Test
    void badStartsAreRefusedAndPollingAnUnknownRunIs404() {
        api().body(Map.of("scope", List.of("donor"))).post(REBUILD).then().statusCode(400);
        api().body(Map.of("scope", List.of())).post(REBUILD).then().statusCode(400)
                .body("message", containsString("scope"));
        api().body(Map.of("dryrun", true)).post(REBUILD).then().statusCode(400)
                .body("message", containsString("dryrun"));
        given().contentType("application/json").body("{}").post(REBUILD).then().statusCode(401);
        api().get("/api/fundraising/rollups/runs/" + UUID.randomUUID()).then().statusCode(404);
        assertEquals(0L, EmulatorControl.stats().getLong("calls"));
    }

    @Test
    void aRebuildCanBeFollowedAsServerSentEventsToItsEnd() {
        String runId = api().body(Map.of("scope", List.of("appeal"))).post(REBUILD).then().statusCode(202).extract().path("runId");
        String stream = api().accept("text/event-stream").get("/api/fundraising/rollups/runs/" + runId + "/events")
                .then().statusCode(200).extract().asString();
        List<String> events = stream.lines().filter(line -> line.startsWith("data:")).toList();
        assertTrue(!events.isEmpty() && events.get(events.size() - 1).contains("\"status\":\"completed\""), stream);
        assertTrue(events.get(events.size() - 1).contains("\"appeal\":1"), stream);
        api().get("/api/fundraising/rollups/runs/not-a-run").then().statusCode(400);
    }

    static JsonPath rebuild(Map<String, Object> body) {
        String runId = api().body(body).post(REBUILD).then().statusCode(202).extract().path("runId");
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonPath run = api().get("/api/fundraising/rollups/runs/" + runId).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(run.getString("status"))) {
                assertEquals("completed", run.getString("status"), run.prettify());
                return run;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("rebuild " + runId + " did not finish in 30 s");
    }

    private static void assertDonor(JsonPath record, String at, long lifetime, int count, LocalDate first, LocalDate last,
                                    long lastAmount, long largest, long yearToDate, int yearToDateCount, int otherCurrency) {
        assertEquals(lifetime, record.getLong(at + ".lifetimeGiftAmount.amountMicros"), at + " lifetime");
        assertEquals("GBP", record.getString(at + ".lifetimeGiftAmount.currencyCode"));
        assertEquals(count, record.getInt(at + ".lifetimeGiftCount"), at + " count");
        assertEquals(first.toString(), record.getString(at + ".firstGiftDate").substring(0, 10), at + " first");
        assertEquals(last.toString(), record.getString(at + ".lastGiftDate").substring(0, 10), at + " last");
        assertEquals(lastAmount, record.getLong(at + ".lastGiftAmount.amountMicros"), at + " last amount");
        assertEquals(largest, record.getLong(at + ".largestGiftAmount.amountMicros"), at + " largest");
        assertEquals(yearToDate, record.getLong(at + ".yearToDateGiftAmount.amountMicros"), at + " year to date");
        assertEquals(yearToDateCount, record.getInt(at + ".yearToDateGiftCount"), at + " year-to-date count");
        assertEquals(otherCurrency, record.getInt(at + ".otherCurrencyGiftCount"), at + " other currencies");
    }

    private static String person(String first, String household) {
        Map<String, Object> person = new HashMap<>(Map.of("name", Map.of("firstName", first, "lastName", "Test")));
        if (household != null) {
            person.put("householdId", household);
        }
        return EmulatorControl.create("people", person);
    }

    private static String gift(Map<String, Object> links, long micros, String currency, LocalDate date) {
        Map<String, Object> gift = new HashMap<>(links);
        gift.put("amount", money(micros, currency));
        gift.put("giftDate", date.toString());
        return EmulatorControl.create("gifts", gift);
    }
}
