package org.fundraising.bench;

import org.fundraising.chaos.ChaosFigures;
import org.fundraising.chaos.ChaosPlan;
import org.fundraising.chaos.ChaosRun;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The chaos harness at full size: a 1,000-row CSV batch, 300 signed Stripe and GoCardless events with repeats and
 * 100 API gifts, while Twenty answers 10 % 5xx, 5 % never (half after storing), 2 % resets, 429 storms with and
 * without Retry-After and one 60-second outage, and the service is killed three times. {@code -Dchaos.rate=100}
 * throttles the emulator at Twenty's own 100 a minute (default 600, so a run takes minutes, not a quarter hour).
 */
class ChaosBenchmark {

    @Test
    void fullStorm() throws Exception {
        ChaosFigures figures = ChaosRun.run(ChaosPlan.full());
        System.out.println(figures.describe());
        assertTrue(figures.lost.isEmpty() && figures.duplicated.isEmpty() && figures.unexpected.isEmpty(), figures.describe());
        assertEquals(0, figures.serverErrors(), figures.describe());
    }
}
