package org.fundraising.bench;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.fundraising.support.EmulatorControl;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.fundraising.support.Gifts.GIFTS;
import static org.fundraising.support.Gifts.api;
import static org.fundraising.support.Gifts.contact;
import static org.fundraising.support.Gifts.gift;

/**
 * {@code POST /gifts} end to end (match, new donor, staging row, gift, processed mark) with the gate's rate and the
 * emulator's throttle off, so the figures are the service's own cost: latency p50/p95/p99, gifts per second with 8
 * clients, and Twenty calls per gift. Run with {@code ./mvnw verify -Pbench -Dtest=IntakeBenchmark}.
 */
@QuarkusTest
@TestProfile(GateOverheadBenchmark.Unlimited.class)
class IntakeBenchmark {

    @Test
    void manualGiftsFromNewDonors() throws Exception {
        EmulatorControl.reset();
        for (int i = 0; i < 100; i++) {
            post("Warm" + i);
        }
        EmulatorControl.reset();
        int total = 1000;
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(8);
        long started = System.nanoTime();
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            String name = "Donor" + i;
            runs.add(clients.submit(() -> {
                long begin = System.nanoTime();
                post(name);
                nanos.add(System.nanoTime() - begin);
            }));
        }
        for (Future<?> run : runs) {
            run.get();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        clients.shutdown();
        long calls = EmulatorControl.stats().getLong("calls");
        BenchFigures.print(String.format("intake: %d manual gifts (new donor, auto-processed, 8 clients) in %.2f s = %.0f gifts/s; "
                        + "latency p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; %.2f Twenty calls per gift; %d gifts in Twenty",
                total, seconds, total / seconds, BenchFigures.percentile(nanos, 50) / 1e6, BenchFigures.percentile(nanos, 95) / 1e6,
                BenchFigures.percentile(nanos, 99) / 1e6, (double) calls / total, EmulatorControl.records("gifts")));
        if (EmulatorControl.records("gifts") != total) {
            throw new AssertionError("every gift is posted once");
        }
    }

    private static void post(String name) {
        api().body(gift(contact(name, "Bench", name.toLowerCase() + "@example.org"), true)).post(GIFTS).then().statusCode(200);
    }
}
