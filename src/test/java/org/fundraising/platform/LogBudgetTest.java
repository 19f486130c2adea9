package org.fundraising.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogBudgetTest {

    @Test
    void aFloodIsLoggedUpToTheBudgetAndTheNextWindowSaysHowManyWereLeftOut() throws Exception {
        LogBudget budget = new LogBudget(3, Duration.ofMillis(200));
        int written = 0;
        for (int i = 0; i < 9_200; i++) {
            if (budget.take() >= 0) {
                written++;
            }
        }
        assertEquals(3, written, "lines written in one window");
        Thread.sleep(250);
        assertEquals(9_197, budget.take(), "the first line of the next window counts those left out");
        assertEquals(0, budget.take());
    }
}
