package org.fundraising.twenty;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TwentyClient against the emulator and its fault modes; Twenty calls are counted at the emulator. */
@QuarkusTest
class TwentyClientTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final TwentyCaller BATCH = TwentyCaller.system(Lane.BATCH, "test");

    @Inject
    TwentyClient client;
    @Inject
    TwentyGate gate;
    @Inject
    ObjectMapper json;

    @BeforeEach
    void clean() {
        EmulatorControl.reset();
    }

    @AfterEach
    void noFaults() {
        EmulatorControl.reset();
        EmulatorControl.throttle(0, false);
    }

    private ObjectNode gift(long micros) {
        ObjectNode gift = json.createObjectNode();
        gift.putObject("amount").put("amountMicros", micros).put("currencyCode", "GBP");
        return gift;
    }

    private static TwentyException failure(Runnable call) {
        return assertThrows(TwentyException.class, call::run);
    }

    @Test
    void gatewayErrorsAreRetriedUntilSuccess() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "GET", "mode", "error", "status", 503, "times", 2));
        TwentyPage page = client.list(BATCH, "gifts", TwentyQuery.all()).await().atMost(WAIT);
        assertEquals(0, page.records().size());
        assertEquals(3, EmulatorControl.calls("GET /rest/gifts"));
    }

    @Test
    void retriesStopAtMaxAttempts() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "mode", "error", "status", 502));
        TwentyException e = failure(() -> client.list(BATCH, "gifts", TwentyQuery.all()).await().atMost(WAIT));
        assertEquals(TwentyException.Kind.UPSTREAM_ERROR, e.kind());
        assertEquals(502, e.status());
        assertEquals(3, EmulatorControl.calls("GET /rest/gifts"));
    }

    @Test
    void internalServerErrorsAreNotRetried() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "mode", "error", "status", 500, "times", 1));
        assertThrows(TwentyException.class, () -> client.list(BATCH, "gifts", TwentyQuery.all()).await().atMost(WAIT));
        assertEquals(1, EmulatorControl.calls("GET /rest/gifts"));
    }

    @Test
    void a429WithRetryAfterPausesTheWholeGate() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "mode", "rate_limit", "retryAfterSeconds", 1, "times", 1));
        Instant before = Instant.now();
        client.list(BATCH, "gifts", TwentyQuery.all()).await().atMost(WAIT);
        GateSnapshot snapshot = gate.snapshot();
        assertTrue(snapshot.rateLimitedLastHour() >= 1);
        // Another lane, another object: it still waits for the pause the 429 set.
        client.list(TwentyCaller.system(Lane.INTERACTIVE, "other"), "people", TwentyQuery.all()).await().atMost(WAIT);
        assertTrue(Duration.between(before, Instant.now()).toMillis() >= 950, "the retry went out before Retry-After");
        assertEquals(2, EmulatorControl.calls("GET /rest/gifts"));
    }

    @Test
    void a429WithoutRetryAfterPausesForTheConfiguredTime() throws Exception {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "mode", "rate_limit", "times", 1));
        CompletableFuture<TwentyPage> first = client.list(BATCH, "gifts", TwentyQuery.all()).subscribeAsCompletionStage();
        long deadline = System.currentTimeMillis() + 5000;
        while (gate.snapshot().pausedUntil() == null && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        Instant pausedUntil = Instant.parse(gate.snapshot().pausedUntil());
        long pauseMs = Duration.between(Instant.now(), pausedUntil).toMillis();
        assertTrue(pauseMs > 500 && pauseMs <= 1000, "pause of " + pauseMs + " ms, configured 1000");
        first.get(20, java.util.concurrent.TimeUnit.SECONDS);
        client.list(TwentyCaller.system(Lane.INTERACTIVE, "other"), "people", TwentyQuery.all()).await().atMost(WAIT);
        assertFalse(Instant.now().isBefore(pausedUntil), "a call went through during the pause");
    }

    @Test
    void endless429sEndAsRateLimitedWithRetryAfter() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "mode", "rate_limit", "retryAfterSeconds", 0));
        TwentyException e = failure(() -> client.list(BATCH, "gifts", TwentyQuery.all()).await().atMost(WAIT));
        assertEquals(TwentyException.Kind.RATE_LIMITED, e.kind());
        assertEquals(503, e.status());
        assertEquals(6, EmulatorControl.calls("GET /rest/gifts"), "first call and 5 rate-limit retries");
    }

    @Test
    void aCreateStoredButNeverAnsweredIsReadBackNotDuplicated() {
        EmulatorControl.fault(Map.of("path", "/rest/gifts", "method", "POST", "mode", "store_then_timeout", "times", 1));
        CreateResult created = client.create(BATCH, "gifts", gift(5_000_000)).await().atMost(WAIT);
        assertTrue(created.alreadyExisted());
        assertEquals(5_000_000, created.record().path("amount").path("amountMicros").asLong());
        assertEquals(1, EmulatorControl.stats().getInt("records.gifts"));
        assertEquals(2, EmulatorControl.calls("POST /rest/gifts"));
        assertEquals(1, EmulatorControl.calls("GET /rest/gifts/{id}"));
    }

    @Test
    void aBatchCreateStoredButNeverAnsweredIsReadBackNotDuplicated() {
        EmulatorControl.fault(Map.of("path", "/rest/batch/gifts", "mode", "store_then_timeout", "times", 1));
        List<ObjectNode> created = client.createMany(BATCH, "gifts", List.of(gift(1), gift(2), gift(3))).await().atMost(WAIT);
        assertEquals(List.of(1L, 2L, 3L), created.stream().map(g -> g.path("amount").path("amountMicros").asLong()).toList());
        assertEquals(3, EmulatorControl.stats().getInt("records.gifts"));
        assertEquals(2, EmulatorControl.calls("POST /rest/batch/gifts"));
    }

    @Test
    void aSecondCreateWithTheSameIdReturnsTheExistingRecord() {
        ObjectNode gift = gift(7).put("id", UUID.randomUUID().toString());
        assertFalse(client.create(BATCH, "gifts", gift).await().atMost(WAIT).alreadyExisted());
        assertTrue(client.create(BATCH, "gifts", gift).await().atMost(WAIT).alreadyExisted());
        assertEquals(1, EmulatorControl.stats().getInt("records.gifts"));
    }

    @Test
    void aUniqueEmailConflictIsNotMistakenForAReplay() {
        ObjectNode person = json.createObjectNode();
        person.putObject("emails").put("primaryEmail", "ada@example.org");
        client.create(BATCH, "people", person).await().atMost(WAIT);
        TwentyException e = failure(() -> client.create(BATCH, "people", person.deepCopy()).await().atMost(WAIT));
        assertTrue(e.isDuplicateEntry());
        assertEquals(400, e.status());
    }

    @Test
    void timeoutsAreHonouredAndRetried() {
        EmulatorControl.fault(Map.of("path", "/rest/people", "mode", "delay", "delayMs", 3000));
        long started = System.nanoTime();
        TwentyException e = failure(() -> client.list(BATCH, "people", TwentyQuery.all()).await().atMost(WAIT));
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        assertEquals(TwentyException.Kind.UNAVAILABLE, e.kind());
        assertEquals(3, EmulatorControl.calls("GET /rest/people"));
        assertTrue(elapsedMs >= 3 * 1500 && elapsedMs < 3 * 3000, "took " + elapsedMs + " ms for 3 attempts of 1.5 s");
    }

    @Test
    void aDeleteWhoseAnswerWasLostStillCountsAsDeleted() {
        String id = client.create(BATCH, "gifts", gift(1)).await().atMost(WAIT).record().get("id").asText();
        EmulatorControl.fault(Map.of("path", "/rest/gifts/.*", "method", "DELETE", "mode", "store_then_timeout", "times", 1));
        assertTrue(client.delete(BATCH, "gifts", id, false).await().atMost(WAIT));
        assertEquals(2, EmulatorControl.calls("DELETE /rest/gifts/{id}"));
        assertEquals(0, EmulatorControl.stats().getInt("records.gifts"));
    }

    @Test
    void resetConnectionsAreRetried() {
        EmulatorControl.fault(Map.of("path", "/rest/people", "mode", "reset", "times", 1));
        client.list(BATCH, "people", TwentyQuery.all()).await().atMost(WAIT);
        assertEquals(2, EmulatorControl.calls("GET /rest/people"));
    }

    @Test
    void aMetadataCreateRepeatedAfterA5xxIsReadAsDone() {
        // The first attempt runs in Twenty but its answer never comes: the repeat finds the object there.
        EmulatorControl.fault(Map.of("path", "/rest/metadata/objects", "method", "POST", "mode", "store_then_timeout",
                "times", 1));
        ObjectNode object = json.createObjectNode().put("nameSingular", "fund").put("namePlural", "funds")
                .put("labelSingular", "Fund").put("labelPlural", "Funds");
        TwentyException repeat = failure(() -> client.createMetadataObject(BATCH, object).await().atMost(WAIT));
        assertTrue(repeat.isExistingMetadata(), repeat.getMessage());
        assertEquals(2, EmulatorControl.calls("POST /rest/metadata/objects"));
    }

    @Test
    void aRejectedUserTokenIsNotSentAgain() {
        TwentyCaller stranger = TwentyCaller.person(Lane.INTERACTIVE, "test", "not-a-key-" + System.nanoTime(), "r1", TwentyCaller.NO_DEADLINE);
        TwentyException first = failure(() -> client.list(stranger, "people", TwentyQuery.all()).await().atMost(WAIT));
        TwentyException second = failure(() -> client.list(stranger, "people", TwentyQuery.all()).await().atMost(WAIT));
        // Twenty 2.21 answers 401 to a token it does not know; the caller gets that status, the second time too.
        assertEquals(401, first.status());
        assertEquals(401, second.status());
        assertEquals(1, EmulatorControl.calls("GET /rest/people"));
    }

    @Test
    void absentRecordsAreValues() {
        String missing = UUID.randomUUID().toString();
        assertEquals(Optional.empty(), client.findById(BATCH, "gifts", missing, 0).await().atMost(WAIT));
        assertEquals(Optional.empty(), client.update(BATCH, "gifts", missing, gift(1)).await().atMost(WAIT));
        assertFalse(client.delete(BATCH, "gifts", missing, false).await().atMost(WAIT));
    }

    @Test
    void batchesOver60AreRefusedBeforeSending() {
        List<ObjectNode> gifts = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            gifts.add(gift(i + 1));
        }
        assertThrows(IllegalArgumentException.class, () -> client.createMany(BATCH, "gifts", gifts));
        assertEquals(0, EmulatorControl.stats().getInt("calls"));
    }

    @Test
    void updateWhereAndUpsertAreOneCallEach() {
        List<ObjectNode> created = client.createMany(BATCH, "gifts", List.of(gift(1), gift(2))).await().atMost(WAIT);
        String ids = String.join(",", created.stream().map(g -> g.get("id").asText()).toList());
        ObjectNode patch = json.createObjectNode().put("notes", "checked");
        assertEquals(2, client.updateWhere(BATCH, "gifts", "id[in]:[" + ids + "]", patch).await().atMost(WAIT).size());
        ObjectNode upsert = created.get(0).deepCopy().put("notes", "upserted");
        upsert.retain("id", "notes");
        client.upsertMany(BATCH, "gifts", List.of(upsert)).await().atMost(WAIT);
        assertEquals("upserted", client.findById(BATCH, "gifts", upsert.get("id").asText(), 0).await().atMost(WAIT)
                .orElseThrow().path("notes").asText());
        assertEquals(1, EmulatorControl.calls("PATCH /rest/gifts"));
        assertEquals(2, EmulatorControl.calls("POST /rest/batch/gifts"));
    }

    @Test
    void personDuplicatesTakeManyInputsInOneCall() {
        ObjectNode ada = json.createObjectNode();
        ada.putObject("name").put("firstName", "Ada").put("lastName", "Lovelace");
        client.create(BATCH, "people", ada).await().atMost(WAIT);
        ObjectNode bob = json.createObjectNode();
        bob.putObject("name").put("firstName", "Bob").put("lastName", "Dylan");
        List<List<ObjectNode>> found = client.personDuplicates(BATCH, List.of(ada, bob, ada), 0).await().atMost(WAIT);
        assertEquals(List.of(1, 0, 1), found.stream().map(List::size).toList());
        assertEquals(1, EmulatorControl.calls("POST /rest/people/duplicates"));
    }

    @Test
    void listAllFollowsCursorsAcrossPages() {
        for (int chunk = 0; chunk < 7; chunk++) {
            List<ObjectNode> gifts = new ArrayList<>();
            for (int i = 0; i < (chunk < 6 ? 60 : 50); i++) {
                gifts.add(gift(1));
            }
            client.createMany(BATCH, "gifts", gifts).await().atMost(WAIT);
        }
        List<ObjectNode> all = client.listAll(BATCH, "gifts", TwentyQuery.all()).collect().asList().await().atMost(WAIT);
        assertEquals(410, all.size());
        assertEquals(410, all.stream().map(g -> g.get("id").asText()).distinct().count());
        assertEquals(3, EmulatorControl.calls("GET /rest/gifts"), "Twenty serves at most 200 records a read");
    }

    @Test
    void retryAfterReadsSecondsAndHttpDates() {
        assertEquals(Optional.of(Duration.ofSeconds(12)), TwentyExchange.retryAfter("12"));
        String inTenSeconds = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(10));
        long seconds = TwentyExchange.retryAfter(inTenSeconds).orElseThrow().toSeconds();
        assertTrue(seconds >= 8 && seconds <= 10, "got " + seconds);
        assertEquals(Optional.empty(), TwentyExchange.retryAfter("soon"));
    }
}
