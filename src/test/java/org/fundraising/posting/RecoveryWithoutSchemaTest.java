package org.fundraising.posting;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.fundraising.support.EmulatorControl;
import org.fundraising.twenty.emulator.EmulatorUnprovisionedTest;
import org.fundraising.twenty.schema.SchemaCheck;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The staging recovery asks nothing of a workspace known to lack the staging object (each try was a 400 and a WARN). */
@QuarkusTest
@TestProfile(EmulatorUnprovisionedTest.Unprovisioned.class)
class RecoveryWithoutSchemaTest {

    @Inject
    LeftInProcessing recovery;

    @Inject
    SchemaCheck schema;

    @Test
    void aRoundWaitsForTheSchema() {
        EmulatorControl.reset();
        // A complete schema seen by an earlier test is trusted for a minute: wait until the check has seen the reset.
        long deadline = System.nanoTime() + Duration.ofSeconds(75).toNanos();
        while (!schema.current().await().atMost(Duration.ofSeconds(30)).missing().contains("giftStaging")
                && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertTrue(schema.knownIncomplete(), "the check sees the workspace without the fundraising objects");
        EmulatorControl.clearStats();
        recovery.round().await().atMost(Duration.ofSeconds(30));
        assertEquals(Map.of(), EmulatorControl.callsByRoute(), "a recovery round reached Twenty without the schema");
    }
}
