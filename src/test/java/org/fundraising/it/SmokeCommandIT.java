package org.fundraising.it;

import org.fundraising.support.ServiceProcess;
import org.fundraising.support.ServiceProcess.CommandResult;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The smoke commands of the jar against the packaged service with its embedded emulator. */
class SmokeCommandIT {

    @Test
    void theGiftsFlowPassesAndEndsWithTheLedger() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("smoke", Map.of(
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("smoke-it").toString()))) {
            CommandResult run = ServiceProcess.command(Map.of(), "smoke", "gifts", "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("smoke gifts: all checks passed"), run.output());
            assertFalse(run.output().contains("FAIL"), run.output());
            assertTrue(run.output().matches("(?s).*ledger: logical calls [1-9]\\d*, attempts \\d+, retries \\d+, 429s \\d+.*"),
                    run.output());

            CommandResult refused = ServiceProcess.command(Map.of("SMOKE_AUTH_TOKEN", "not-a-key"), "smoke", "gifts",
                    "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(1, refused.exit(), refused.output());
            assertTrue(refused.output().contains("FAIL appeal created (HTTP 40"), refused.output());
        }
    }

    @Test
    void everyGiftBatchScenarioPassesAgainstTheEmbeddedEmulator() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("smoke-batch", Map.of(
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("smoke-batch-it").toString()))) {
            CommandResult run = ServiceProcess.command(Map.of(), "smoke", "gift-batch", "--rows=30", "--scenario=all",
                    "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("scenario happy-path") && run.output().contains("scenario mixed-routing")
                    && run.output().contains("scenario row-fallback-error"), run.output());
            assertTrue(run.output().contains("PASS 29 rows on the batch path, 1 error, chunks split"), run.output());
            assertFalse(run.output().contains("FAIL") || run.output().contains("SKIPPED"), run.output());

            CommandResult wrong = ServiceProcess.command(Map.of(), "smoke", "gift-batch", "--scenario=sunny", "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(2, wrong.exit(), wrong.output());
        }
    }

    @Test
    void theWebhooksFlowSignsWithTheDeploymentsSecretAndPasses() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("smoke-webhooks", Map.of("STRIPE_WEBHOOK_SECRET", "whsec_smoke",
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("smoke-webhooks-it").toString()))) {
            CommandResult run = ServiceProcess.command(Map.of(), "smoke", "webhooks", "--stripe-secret=whsec_smoke",
                    "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("PASS the refund is recorded on the gift"), run.output());
            assertFalse(run.output().contains("FAIL"), run.output());

            CommandResult unsigned = ServiceProcess.command(Map.of(), "smoke", "webhooks", "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(3, unsigned.exit(), unsigned.output());
            assertTrue(unsigned.output().contains("SKIPPED webhooks"), unsigned.output());

            CommandResult wrong = ServiceProcess.command(Map.of(), "smoke", "webhooks", "--stripe-secret=whsec_other",
                    "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(1, wrong.exit(), wrong.output());
        }
    }

    @Test
    void theRollupsFlowSeesTotalsFollowGiftsIncludingTheirTurnBackToZero() throws Exception {
        try (ServiceProcess service = ServiceProcess.start("smoke-rollups", Map.of(
                "FUNDRAISING_DATA_DIR", Files.createTempDirectory("smoke-rollups-it").toString()))) {
            CommandResult run = ServiceProcess.command(Map.of(), "smoke", "rollups", "--base=" + service.base(), "--metrics=" + service.management() + "/q/metrics");
            assertEquals(0, run.exit(), run.output());
            assertTrue(run.output().contains("PASS an appeal left with no gifts is back to zero"), run.output());
            assertFalse(run.output().contains("FAIL"), run.output());
        }
    }
}
