package org.fundraising.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.gift.GiftRecords;
import org.fundraising.smoke.SmokeClient.Answer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The gift-batch bulk flow, as a gift processor runs it: a new batch, a CSV of new donors' gifts imported, the
 * donor-match run, the create-donors run, the process run, and checks of what each did. Scenarios:
 * {@code happy-path} (every row posted 60 to a call), {@code mixed-routing} (one row linked to a recurring
 * agreement goes one by one), {@code row-fallback-error} (Twenty refuses one row's gift: its chunk is halved down
 * to it, it is left process_failed with the reason, the others are posted). The last needs a Twenty that can be
 * told to refuse one record: the embedded emulator; against a real Twenty it is reported skipped.
 */
final class GiftBatchSmoke {

    static final List<String> SCENARIOS = List.of("happy-path", "mixed-routing", "row-fallback-error");

    private final SmokeClient api;
    private final SmokeChecks checks;

    GiftBatchSmoke(SmokeClient api, SmokeChecks checks) {
        this.api = api;
        this.checks = checks;
    }

    void run(String scenario, int rows) throws IOException, InterruptedException {
        checks.section("scenario " + scenario + " (" + rows + " rows)");
        String refusedRow = null;
        if ("row-fallback-error".equals(scenario) && !canRefuseOneRecord()) {
            checks.skipped(scenario, "needs a Twenty that can be told to refuse one record (the embedded emulator's faults)");
            return;
        }
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Answer batch = api.post("/gift-batches", Map.of("name", "Smoke " + scenario + " " + tag, "source", "csv"));
        String batchId = batch.body().path("data").path("createGiftBatch").path("id").asText();
        if (!checks.check("batch created", !batchId.isEmpty(), batch)) {
            return;
        }
        boolean mixed = "mixed-routing".equals(scenario);
        int csvRows = mixed ? rows - 1 : rows;
        StringBuilder csv = new StringBuilder("first_name,last_name,email,amount,currency,gift_date,payment_method\n");
        for (int i = 1; i <= csvRows; i++) {
            csv.append("Smoke").append(i).append(",Batch ").append(tag).append(",smoke-").append(tag).append('-').append(i)
                    .append("@example.org,").append(i).append(".50,GBP,2026-11-20,card\n");
        }
        JsonNode imported = followed(batchId, "import", api.postCsv("/gift-batches/" + batchId + "/import", csv.toString()));
        if (!checks.check("imported " + csvRows + " rows", imported.path("import").path("imported").asInt() == csvRows, imported)) {
            return;
        }
        JsonNode matched = run(batchId, "donor-match");
        checks.check("donor-match: every row no_match", matched.path("outcomes").path("no_match").asInt() == csvRows, matched);
        JsonNode created = run(batchId, "donor-match/create-donors/run");
        checks.check("create-donors: a donor per row", created.path("outcomes").path("created_donor").asInt() == csvRows, created);

        List<String> stagingIds = stagingIds(batchId);
        if (mixed) {
            stageRecurringGift(batchId, stagingIds.get(0));
        }
        if ("row-fallback-error".equals(scenario)) {
            refusedRow = stagingIds.get(0);
            api.sendOutside("POST", "/twenty-emulator/_faults", Map.of("path", "/rest/(batch/)?gifts", "method", "POST",
                    "mode", "error", "status", 400, "bodyContains", GiftRecords.giftIdFor(refusedRow)));
        }
        JsonNode processed;
        try {
            processed = run(batchId, "process");
        } finally {
            if (refusedRow != null) {
                api.sendOutside("DELETE", "/twenty-emulator/_faults", null);
            }
        }
        JsonNode execution = processed.path("execution");
        switch (scenario) {
            case "happy-path" -> {
                checks.check("process: completed", "completed".equals(processed.path("status").asText()), processed);
                checks.check("every row on the batch path", execution.path("batchPathProcessed").asInt() == rows, processed);
            }
            case "mixed-routing" -> {
                checks.check("process: completed", "completed".equals(processed.path("status").asText()), processed);
                checks.check((rows - 1) + " rows on the batch path, 1 one by one", execution.path("batchPathProcessed").asInt() == rows - 1
                        && execution.path("rowFallbackProcessed").asInt() == 1, processed);
            }
            default -> {
                checks.check("process: completed_with_errors", "completed_with_errors".equals(processed.path("status").asText()), processed);
                checks.check((rows - 1) + " rows on the batch path, 1 error, chunks split", execution.path("batchPathProcessed").asInt() == rows - 1
                        && execution.path("rowFallbackErrors").asInt() == 1 && execution.path("splitOperations").asInt() > 0, processed);
                Answer failed = api.get("/gift-staging/" + refusedRow);
                JsonNode row = failed.body().path("data").path("giftStaging");
                checks.check("the refused row is process_failed with the reason", "process_failed".equals(row.path("processingStatus").asText())
                        && row.path("errorDetail").asText().startsWith("Gift create failed"), failed);
            }
        }
        Answer after = api.get("/gift-batches/" + batchId);
        String status = after.body().path("data").path("giftBatch").path("status").asText();
        checks.check("batch " + ("row-fallback-error".equals(scenario) ? "processed_with_issues" : "processed"),
                status.equals("row-fallback-error".equals(scenario) ? "processed_with_issues" : "processed"), after);
    }

    /** A run started and followed to its end through its event stream. */
    private JsonNode run(String batchId, String type) throws IOException, InterruptedException {
        return followed(batchId, type, api.post("/gift-batches/" + batchId + "/" + type, Map.of()));
    }

    /** A run started (202) followed to its last snapshot; the start's answer when it did not start. */
    private JsonNode followed(String batchId, String type, Answer started) throws IOException, InterruptedException {
        String runId = started.body().path("runId").asText();
        if (started.status() != 202 || runId.isEmpty()) {
            return started.body();
        }
        return api.lastEvent("/gift-batches/" + batchId + "/" + type + "/" + runId + "/events");
    }

    private List<String> stagingIds(String batchId) throws IOException, InterruptedException {
        List<String> ids = new ArrayList<>();
        Answer page = api.get("/gift-staging?giftBatchId=" + batchId + "&limit=60&sort=createdAt:asc");
        page.body().path("data").forEach(row -> ids.add(row.path("id").asText()));
        return ids;
    }

    /** A monthly agreement for the donor of a row, and its instalment staged into the batch. */
    private void stageRecurringGift(String batchId, String stagingId) throws IOException, InterruptedException {
        Answer row = api.get("/gift-staging/" + stagingId);
        String donorId = row.body().path("data").path("giftStaging").path("donorId").asText();
        Answer agreement = api.post("/recurring-agreements", Map.of("donorId", donorId, "status", "active", "cadence", "monthly",
                "amount", Map.of("amountMicros", 1_500_000, "currencyCode", "GBP"), "startDate", "2026-11-01"));
        String agreementId = agreement.body().path("data").path("createRecurringAgreement").path("id").asText();
        Answer staged = api.post("/gift-staging", Map.of("giftBatchId", batchId, "contactId", donorId,
                "recurringAgreementId", agreementId, "giftIntent", "recurring", "amount", Map.of("amountMicros", 1_500_000,
                        "currencyCode", "GBP"), "giftDate", "2026-11-20", "paymentMethod", "direct_debit"));
        checks.check("a recurring instalment staged into the batch", staged.status() == 201 && !agreementId.isEmpty(), staged);
    }

    /** Whether the deployment answers the embedded emulator's fault control (a test run of the service). */
    private boolean canRefuseOneRecord() throws IOException, InterruptedException {
        return api.sendOutside("DELETE", "/twenty-emulator/_faults", null).status() == 200;
    }
}
