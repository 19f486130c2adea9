package org.fundraising.twenty;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwentyGateTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close();
    }

    private TwentyGate gate(int ratePerMinute, int burst) {
        return new TwentyGate(new LocalRateBudget(ratePerMinute, burst), ratePerMinute, burst, vertx, new SimpleMeterRegistry());
    }

    @Test
    void grantsInArrivalOrderWithinALane() throws Exception {
        TwentyGate gate = gate(60_000, 1);
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(30);
        for (int i = 0; i < 30; i++) {
            int n = i;
            gate.acquire(Lane.BATCH, "test").subscribe().with(waited -> {
                order.add(n);
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add(i);
        }
        assertEquals(expected, order);
    }

    @Test
    void anInteractiveCallOvertakesASaturatedBatchLane() throws Exception {
        TwentyGate gate = gate(600, 1); // a token every 100 ms
        List<String> grants = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 500; i++) {
            gate.acquire(Lane.BATCH, "batch").subscribe().with(waited -> grants.add("batch"));
        }
        Thread.sleep(250);
        int batchGrantedBefore = grants.size();
        CountDownLatch interactive = new CountDownLatch(1);
        gate.acquire(Lane.INTERACTIVE, "ui").subscribe().with(waited -> {
            grants.add("interactive");
            interactive.countDown();
        });
        assertTrue(interactive.await(2, TimeUnit.SECONDS));
        int position = grants.indexOf("interactive");
        assertTrue(position - batchGrantedBefore <= 1,
                "the interactive call waited behind " + (position - batchGrantedBefore) + " batch calls");
    }

    @Test
    void lanesAreServedInPriorityOrder() throws Exception {
        TwentyGate gate = gate(60_000, 1);
        // Hold the gate with a pause so that every lane has waiters when it reopens.
        gate.pause(Duration.ofMillis(200));
        List<Lane> order = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(8);
        for (Lane lane : List.of(Lane.ROLLUP, Lane.BATCH, Lane.INTAKE, Lane.INTERACTIVE,
                Lane.ROLLUP, Lane.BATCH, Lane.INTAKE, Lane.INTERACTIVE)) {
            gate.acquire(lane, "test").subscribe().with(waited -> {
                order.add(lane);
                done.countDown();
            });
        }
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertEquals(List.of(Lane.INTERACTIVE, Lane.INTERACTIVE, Lane.INTAKE, Lane.INTAKE, Lane.BATCH, Lane.BATCH,
                Lane.ROLLUP, Lane.ROLLUP), order);
    }

    @Test
    void aPauseHoldsEveryLane() throws Exception {
        TwentyGate gate = gate(60_000, 10);
        long pausedAt = System.nanoTime();
        gate.pause(Duration.ofMillis(300));
        gate.acquire(Lane.INTERACTIVE, "test").await().atMost(Duration.ofSeconds(5));
        long waitedMs = (System.nanoTime() - pausedAt) / 1_000_000;
        assertTrue(waitedMs >= 300, "granted " + waitedMs + " ms into a 300 ms pause");
        assertEquals(1, gate.snapshot().rateLimitedLastHour());
    }

    @Test
    void waitingNeverBlocksTheCallingThread() throws Exception {
        TwentyGate gate = gate(60, 1); // one token a second
        gate.acquire(Lane.BATCH, "test").await().atMost(Duration.ofSeconds(2));
        CountDownLatch returned = new CountDownLatch(1);
        CountDownLatch granted = new CountDownLatch(1);
        vertx.runOnContext(ignored -> {
            gate.acquire(Lane.BATCH, "test").subscribe().with(waited -> granted.countDown());
            returned.countDown();
        });
        assertTrue(returned.await(100, TimeUnit.MILLISECONDS), "acquire blocked the event loop");
        assertEquals(1, granted.getCount());
        assertTrue(granted.await(3, TimeUnit.SECONDS));
    }

    @Test
    void aCancelledWaiterGivesItsPlaceAway() throws Exception {
        TwentyGate gate = gate(600, 1);
        gate.acquire(Lane.BATCH, "test").await().atMost(Duration.ofSeconds(2));
        Cancellable abandoned = gate.acquire(Lane.BATCH, "test").subscribe().with(waited -> {
            throw new AssertionError("a cancelled waiter was granted");
        });
        abandoned.cancel();
        assertEquals(0, gate.snapshot().queueDepth().get("batch"));
        Duration waited = gate.acquire(Lane.BATCH, "test").await().atMost(Duration.ofSeconds(2));
        assertTrue(waited.toMillis() <= 150, "the next caller waited " + waited.toMillis() + " ms");
    }

    @Test
    void snapshotPredictsTheDrainTime() {
        TwentyGate gate = gate(60, 1);
        for (int i = 0; i < 11; i++) {
            gate.acquire(Lane.ROLLUP, "test").subscribe().with(waited -> { });
        }
        GateSnapshot snapshot = gate.snapshot();
        assertEquals(10, snapshot.queueDepth().get("rollup"));
        assertEquals(10, snapshot.queued());
        assertTrue(snapshot.predictedDrainSeconds() >= 9 && snapshot.predictedDrainSeconds() <= 10.5,
                "predicted " + snapshot.predictedDrainSeconds());
    }
}
