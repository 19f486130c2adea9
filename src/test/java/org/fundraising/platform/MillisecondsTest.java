package org.fundraising.platform;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A {@code …_MS} setting keeps meaning milliseconds when read as a Duration. */
class MillisecondsTest {

    @Test
    void aBareNumberIsMilliseconds() {
        assertEquals(Duration.ofSeconds(15), new Milliseconds().convert("15000"));
        assertEquals(Duration.ZERO, new Milliseconds().convert(" 0 "));
    }

    @Test
    void anythingElseIsRefused() {
        for (String wrong : new String[]{"15s", "-1", "1.5", "PT15S", ""}) {
            assertThrows(IllegalArgumentException.class, () -> new Milliseconds().convert(wrong), wrong);
        }
    }
}
