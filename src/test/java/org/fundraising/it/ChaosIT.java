package org.fundraising.it;

import org.fundraising.chaos.ChaosFigures;
import org.fundraising.chaos.ChaosPlan;
import org.fundraising.chaos.ChaosRun;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos harness at a size for every CI run: a CSV batch, Stripe and GoCardless events (some twice) and API
 * gifts while Twenty fails, stalls, resets, throttles and goes down for a while, and the service is killed and
 * restarted. Every gift exactly once, nothing left half-done, totals true. {@code ChaosBenchmark} is the full size.
 */
class ChaosIT {

    @Test
    void everyGiftExactlyOnceThroughFaultsAnOutageAndAKill() throws Exception {
        ChaosPlan plan = ChaosPlan.fast();
        ChaosFigures figures = ChaosRun.run(plan);
        System.out.println(figures.describe());
        assertEquals(List.of(), figures.lost, "gifts lost (by amount in micros)");
        assertEquals(Map.of(), figures.duplicated, "gifts posted more than once (amount → times)");
        assertEquals(List.of(), figures.unexpected, "gifts no one sent");
        assertEquals(plan.expectedGifts(), figures.found());
        assertEquals(List.of(), figures.openRows, "staging rows not in a terminal state with a reason");
        assertTrue(figures.runsCompleted(), figures.describe());
        assertEquals(List.of(), figures.agreementMismatches);
        assertEquals(Map.of(), figures.rollupsChanged, "parents whose totals differ from a recomputation");
        assertEquals(List.of(), figures.refusedDeliveries);
        assertEquals(List.of(), figures.refusedGifts);
        assertEquals(0, figures.serverErrors(), figures.describe());
    }
}
