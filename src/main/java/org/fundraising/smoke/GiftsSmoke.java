package org.fundraising.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.smoke.SmokeClient.Answer;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The original's gifts smoke flow: an appeal with a snapshot, a manual gift staged, reviewed and processed, a
 * low-trust gift that stays staged, a gift posted, listed, read, renamed and deleted, and one gift left for the
 * screens.
 */
final class GiftsSmoke {

    private final SmokeClient api;
    private final SmokeChecks checks;
    private final PrintStream out;

    GiftsSmoke(SmokeClient api, SmokeChecks checks, PrintStream out) {
        this.api = api;
        this.checks = checks;
        this.out = out;
    }

    void run() throws IOException, InterruptedException {
        appeals(api);
        stagedManualGift(api);
        lowTrustIntake(api);
        proxyCrud(api);
        persistentGift(api);
    }

    private void appeals(SmokeClient api) throws IOException, InterruptedException {
        String name = "Smoke appeal " + UUID.randomUUID().toString().substring(0, 8);
        Answer created = api.post("/appeals", Map.of("name", name, "appealType", "email", "startDate", LocalDate.now().toString()));
        String id = created.body().path("data").path("createAppeal").path("id").asText();
        if (!checks.check("appeal created", created.status() == 200 && !id.isEmpty(), created)) {
            return;
        }
        Answer listed = api.get("/appeals?limit=20&search=" + name.replace(' ', '+'));
        checks.check("appeal listed", listed.body().toString().contains(id), listed);
        Answer patched = api.patch("/appeals/" + id, Map.of("description", "smoke test"));
        checks.check("appeal description changed", "smoke test".equals(patched.body().path("data").path("updateAppeal").path("description").asText()), patched);
        Answer snapshot = api.post("/appeals/" + id + "/solicitation-snapshots", Map.of("countSolicited", 123, "source", "smoke"));
        checks.check("snapshot recorded", snapshot.body().path("data").path("createSolicitationSnapshot").path("countSolicited").asInt() == 123, snapshot);
        Answer snapshots = api.get("/appeals/" + id + "/solicitation-snapshots");
        checks.check("snapshot listed", snapshots.body().toString().contains("\"countSolicited\":123"), snapshots);
    }

    private void stagedManualGift(SmokeClient api) throws IOException, InterruptedException {
        Answer staged = api.post("/gifts", gift(15_500_000, "GBP", false, contact(true), Map.of()));
        String stagingId = staged.body().path("data").path("giftStaging").path("id").asText();
        if (!checks.check("manual gift staged", staged.body().path("meta").path("stagedOnly").asBoolean() && !stagingId.isEmpty(), staged)) {
            return;
        }
        Answer row = api.get("/gift-staging/" + stagingId);
        String text = row.body().toString();
        checks.check("staging diagnostics", row.status() == 200 && text.contains("processingEligibility")
                && text.contains("identityConfidence") && text.contains("payment_method_missing"), row);
        Answer ready = api.patch("/gift-staging/" + stagingId + "/status", Map.of("processingStatus", "ready_for_process",
                "validationStatus", "passed", "dedupeStatus", "passed"));
        checks.check("marked ready", ready.status() == 200, ready);
        Answer processed = api.post("/gift-staging/" + stagingId + "/process", Map.of());
        String giftId = processed.body().path("giftId").asText();
        if (!checks.check("processed into a gift", "processed".equals(processed.body().path("status").asText()) && !giftId.isEmpty(), processed)) {
            return;
        }
        Answer gift = api.get("/gifts/" + giftId);
        checks.check("gift readable", gift.body().path("data").path("gift").path("amount").path("amountMicros").asLong() == 15_500_000, gift);
        Answer deleted = api.delete("/gifts/" + giftId);
        checks.check("gift deleted", deleted.status() == 200, deleted);
    }

    private void lowTrustIntake(SmokeClient api) throws IOException, InterruptedException {
        Answer staged = api.post("/gifts", gift(12_500_000, "GBP", true, contact(false), Map.of("intakeSource", "csv_import")));
        JsonNode diagnostics = staged.body().path("meta").path("processingDiagnostics");
        checks.check("low-trust gift staged, not posted", staged.body().path("meta").path("stagedOnly").asBoolean()
                && "eligible".equals(diagnostics.path("processingEligibility").asText())
                && "explicit".equals(diagnostics.path("identityConfidence").asText()), staged);
    }

    private void proxyCrud(SmokeClient api) throws IOException, InterruptedException {
        Answer created = api.post("/gifts", gift(42_000_000, "USD", true, contact(false), Map.of()));
        String id = created.body().path("data").path("createGift").path("id").asText();
        if (!checks.check("gift posted at once", isUuid(id), created)) {
            return;
        }
        Answer listed = api.get("/gifts?limit=60&sort=createdAt:desc");
        checks.check("gift listed", listed.body().toString().contains(id), listed);
        Answer read = api.get("/gifts/" + id);
        checks.check("gift read", id.equals(read.body().path("data").path("gift").path("id").asText()), read);
        Answer renamed = api.patch("/gifts/" + id, Map.of("name", "Smoke gift renamed"));
        checks.check("gift renamed", "Smoke gift renamed".equals(renamed.body().path("data").path("updateGift").path("name").asText()), renamed);
        Answer deleted = api.delete("/gifts/" + id);
        checks.check("gift deleted", deleted.status() == 200, deleted);
    }

    private void persistentGift(SmokeClient api) throws IOException, InterruptedException {
        Answer created = api.post("/gifts", gift(99_000_000, "EUR", true, contact(true), Map.of()));
        String id = created.body().path("data").path("createGift").path("id").asText();
        String staged = created.body().path("data").path("giftStaging").path("id").asText();
        if (checks.check("gift left for the UI", created.status() == 200 && (isUuid(id) || isUuid(staged)), created)) {
            out.println("  left for the UI: " + (isUuid(id) ? "gift " + id : "staging row " + staged));
        }
    }

    private static Map<String, Object> gift(long micros, String currency, boolean autoProcess, Map<String, Object> contact,
                                            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("amount", Map.of("amountMicros", micros, "currencyCode", currency));
        body.put("autoProcess", autoProcess);
        body.put("contact", contact);
        body.putAll(extra);
        return body;
    }

    /** A donor of the smoke's own, new each run, so runs never match each other's people. */
    private static Map<String, Object> contact(boolean withEmail) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> contact = new LinkedHashMap<>(Map.of("firstName", "Smoke", "lastName", "Donor " + tag));
        if (withEmail) {
            contact.put("email", "smoke-" + tag + "@example.org");
        }
        return contact;
    }

    private static boolean isUuid(String text) {
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
