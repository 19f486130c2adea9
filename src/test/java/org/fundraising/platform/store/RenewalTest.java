package org.fundraising.platform.store;

import io.smallrye.mutiny.Uni;
import org.fundraising.platform.Periodic;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tickers that keep going when the store is slower than their period, and holders told when a hold is gone. */
class RenewalTest {

    private static Uni<Boolean> slowly(boolean answer, long millis) {
        return Uni.createFrom().item(answer).onItem().delayIt().by(Duration.ofMillis(millis));
    }

    @Test
    void aStoreSlowerThanThePeriodNeverStopsTheRenewal() throws Exception {
        AtomicInteger renewals = new AtomicInteger();
        Renewal.Held held = Renewal.every(Duration.ofMillis(100), Duration.ofSeconds(5), () -> {
            renewals.incrementAndGet();
            return slowly(true, 120);
        });
        Thread.sleep(1_500);
        held.release();
        assertTrue(renewals.get() >= 6, "the renewal stopped after " + renewals.get() + " rounds");
        assertFalse(held.isLost(), "a slow store lost the hold");
    }

    @Test
    void aHoldSomeoneElseHasIsLostAtOnce() throws Exception {
        Renewal.Held held = Renewal.every(Duration.ofMillis(50), Duration.ofSeconds(5), () -> slowly(false, 1));
        held.lost().await().atMost(Duration.ofSeconds(2));
        assertTrue(held.isLost());
    }

    @Test
    void renewalsFailingForLongerThanTheHoldLastsLoseIt() {
        Renewal.Held held = Renewal.every(Duration.ofMillis(50), Duration.ofMillis(300),
                () -> Uni.createFrom().failure(new IllegalStateException("store down")));
        held.lost().await().atMost(Duration.ofSeconds(2));
        assertTrue(held.isLost());
    }

    @Test
    void aHolderWhoseHoldIsLostStopsBeforeItsNextWrite() {
        AtomicBoolean wrote = new AtomicBoolean();
        Renewal.Held held = Renewal.every(Duration.ofMillis(50), Duration.ofSeconds(5), () -> slowly(false, 1));
        Uni<String> work = Uni.createFrom().item("read").onItem().delayIt().by(Duration.ofMillis(500))
                .invoke(() -> wrote.set(true));
        assertThrows(IllegalStateException.class, () -> held.whileHeld(work, () -> new IllegalStateException("lost"))
                .await().atMost(Duration.ofSeconds(3)));
        assertFalse(wrote.get(), "the write after the hold was lost went ahead");
    }

    @Test
    void aLookSlowerThanThePeriodKeepsTheStreamFlowing() {
        AtomicInteger looks = new AtomicInteger();
        Uni<Integer> look = Uni.createFrom().item(looks::incrementAndGet).onItem().delayIt().by(Duration.ofMillis(120));
        List<Integer> seen = Periodic.follow(look, Duration.ofMillis(100), n -> n >= 6)
                .collect().asList().await().atMost(Duration.ofSeconds(5));
        assertTrue(seen.size() >= 6 && seen.get(seen.size() - 1) >= 6, "the stream ended early: " + seen);
    }
}
