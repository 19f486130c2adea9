package org.fundraising.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 1,000 mixed calls from the four lanes through the gate against the emulator, with the emulator throttling at
 * T = 1,250 a minute and the gate at 0.8 T = 1,000 a minute, burst 10, so the run takes about a minute.
 * Prints: 429s received, the busiest 60 s at the emulator, the interactive lane's wait while the batch lane is
 * saturated. Run with {@code ./mvnw verify -Pbench -Dtest=GateBenchmark}.
 */
@QuarkusTest
@TestProfile(GateBenchmark.Paced.class)
class GateBenchmark {

    static final int T = 1250;
    static final int GATE = 1000;
    static final int BURST = 10;

    public static class Paced implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.twenty.rate-per-minute", String.valueOf(GATE),
                    "fundraising.twenty.burst", String.valueOf(BURST),
                    "fundraising.emulator.rate-per-minute", String.valueOf(T),
                    "fundraising.twenty.timeout-ms", "15000");
        }
    }

    @Inject
    TwentyClient client;
    @Inject
    ObjectMapper json;
    @Inject
    MeterRegistry metrics;

    @Test
    void mixedLanesStayUnderTheBudgetWithNo429s() throws Exception {
        EmulatorControl.reset();
        EmulatorControl.throttle(T, false);
        Map<Lane, List<Long>> latencyMs = new EnumMap<>(Lane.class);
        for (Lane lane : Lane.values()) {
            latencyMs.put(lane, Collections.synchronizedList(new ArrayList<>()));
        }
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long started = System.nanoTime();
        // The batch lane is saturated from the start: 500 calls queued at once (chunks of 10 gifts).
        for (int i = 0; i < 500; i++) {
            calls.add(timed(Lane.BATCH, latencyMs, client.createMany(caller(Lane.BATCH), "gifts", gifts(10))));
        }
        // Rollups queue behind everything: 200 list calls.
        for (int i = 0; i < 200; i++) {
            calls.add(timed(Lane.ROLLUP, latencyMs, client.list(caller(Lane.ROLLUP), "gifts", TwentyQuery.all().withLimit(1))));
        }
        // Webhook intake and people at screens arrive over the run: 200 creates and 100 reads.
        for (int i = 0; i < 300; i++) {
            Thread.sleep(150);
            if (i % 3 == 2) {
                calls.add(timed(Lane.INTERACTIVE, latencyMs, client.list(caller(Lane.INTERACTIVE), "people",
                        TwentyQuery.all().withLimit(5))));
            } else {
                calls.add(timed(Lane.INTAKE, latencyMs, client.create(caller(Lane.INTAKE), "gifts", gifts(1).get(0))));
            }
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;

        JsonPath stats = EmulatorControl.stats();
        int throttled = stats.getInt("throttled");
        int busiestMinute = stats.getInt("maxCallsInAnyMinute");
        BenchFigures.print(String.format("gate-paced: %d calls in %.1f s; emulator T=%d/min, gate %d/min + burst %d",
                calls.size(), seconds, T, GATE, BURST));
        BenchFigures.print("gate-paced: 429s received = " + throttled + ", most calls in any 60 s at the emulator = "
                + busiestMinute + " (bound 0.8T + burst = " + (GATE + BURST) + ")");
        for (Lane lane : Lane.values()) {
            List<Long> samples = latencyMs.get(lane);
            Timer wait = metrics.find("fundraising_twenty_gate_wait").tag("lane", lane.label()).timer();
            BenchFigures.print(String.format("gate-paced: lane %-11s calls %4d, call latency p50 %6.0f ms p95 %6.0f ms max %6.0f ms; gate wait %s",
                    lane.label(), samples.size(), BenchFigures.percentile(samples, 50), BenchFigures.percentile(samples, 95),
                    BenchFigures.percentile(samples, 100), waitFigures(wait)));
        }
        assertEquals(0, throttled, "the emulator answered 429");
        assertTrue(busiestMinute <= GATE + BURST, "busiest minute " + busiestMinute);
    }

    private static String waitFigures(Timer timer) {
        if (timer == null) {
            return "n/a";
        }
        StringBuilder out = new StringBuilder();
        for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
            out.append(String.format("p%.0f %.0f ms ", value.percentile() * 100, value.value(TimeUnit.MILLISECONDS)));
        }
        return out.toString().trim();
    }

    private static TwentyCaller caller(Lane lane) {
        return TwentyCaller.system(lane, "bench." + lane.label());
    }

    private List<ObjectNode> gifts(int count) {
        List<ObjectNode> gifts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode gift = json.createObjectNode();
            gift.putObject("amount").put("amountMicros", 1_000_000L * (i + 1)).put("currencyCode", "GBP");
            gifts.add(gift);
        }
        return gifts;
    }

    private static CompletableFuture<?> timed(Lane lane, Map<Lane, List<Long>> latencyMs, Uni<?> call) {
        long started = System.nanoTime();
        return call.invoke(() -> latencyMs.get(lane).add((System.nanoTime() - started) / 1_000_000))
                .subscribeAsCompletionStage();
    }
}
