package org.fundraising.platform;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service port's connection limit leaves open files for probes, Twenty, Redis and logs. */
class ConnectionLimitsTest {

    @Test
    void theLimitIsTheOpenFilesLimitLessTheReserve() {
        assertEquals(18_976, ConnectionLimits.forOpenFiles(20_000));
        assertEquals(1_024, ConnectionLimits.forOpenFiles(2_048));
    }

    @Test
    void aVeryLowOpenFilesLimitStillLeavesAFloorAndAnUnknownOneNoLimit() {
        assertEquals(ConnectionLimits.FLOOR, ConnectionLimits.forOpenFiles(1_024));
        assertEquals(Integer.MAX_VALUE, ConnectionLimits.forOpenFiles(0));
    }
}
