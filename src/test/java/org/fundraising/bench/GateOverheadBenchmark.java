package org.fundraising.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyGate;
import org.fundraising.twenty.TwentyQuery;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The gate's own cost, with the rate unlimited and the emulator's throttle off: microseconds per token
 * (p50/p99), and calls per second through the whole client against the in-process emulator.
 * Run with {@code ./mvnw verify -Pbench -Dtest=GateOverheadBenchmark}.
 */
@QuarkusTest
@TestProfile(GateOverheadBenchmark.Unlimited.class)
class GateOverheadBenchmark {

    public static class Unlimited implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fundraising.twenty.rate-per-minute", "0", "fundraising.emulator.rate-per-minute", "0");
        }
    }

    @Inject
    TwentyGate gate;
    @Inject
    TwentyClient client;

    @Test
    void overheadPerCall() throws Exception {
        EmulatorControl.reset();
        for (int i = 0; i < 20_000; i++) {
            gate.acquire(Lane.BATCH, "bench").await().indefinitely();
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            long started = System.nanoTime();
            gate.acquire(Lane.values()[i % 4], "bench").await().indefinitely();
            nanos.add(System.nanoTime() - started);
        }
        BenchFigures.print(String.format("gate-overhead: token acquire p50 %.1f us, p99 %.1f us (100,000 acquires, unlimited rate)",
                BenchFigures.percentile(nanos, 50) / 1000, BenchFigures.percentile(nanos, 99) / 1000));

        TwentyCaller caller = TwentyCaller.system(Lane.BATCH, "bench");
        int total = 5000;
        Semaphore inFlight = new Semaphore(32);
        List<CompletableFuture<?>> calls = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            inFlight.acquire();
            Uni<?> call = client.list(caller, "people", TwentyQuery.all().withLimit(1));
            calls.add(call.eventually(() -> inFlight.release()).subscribeAsCompletionStage());
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        BenchFigures.print(String.format("gate-overhead: %d client calls (32 in flight) against the emulator in %.2f s = %.0f calls/s",
                total, seconds, total / seconds));
        if (Duration.ofNanos((long) BenchFigures.percentile(nanos, 50)).toMillis() > 5) {
            throw new AssertionError("a token took over 5 ms with an unlimited rate");
        }
    }
}
