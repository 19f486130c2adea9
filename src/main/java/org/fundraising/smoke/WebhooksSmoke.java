package org.fundraising.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.smoke.SmokeClient.Answer;
import org.fundraising.webhook.Signatures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The Stripe webhook flow against a deployment, signed with its own secret: a paid Checkout becomes one gift of a new
 * donor (delivered twice, posted once), a forged delivery is refused, and a partial refund is recorded on the gift.
 */
final class WebhooksSmoke {

    private static final Duration SETTLED_WITHIN = Duration.ofSeconds(90);
    private static final Duration LOOK_EVERY = Duration.ofMillis(500);

    private final SmokeClient api;
    private final SmokeChecks checks;
    private final String secret;

    WebhooksSmoke(SmokeClient api, SmokeChecks checks, String secret) {
        this.api = api;
        this.checks = checks;
        this.secret = secret;
    }

    void run() throws IOException, InterruptedException {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String eventId = "evt_smoke_" + run;
        String payment = "pi_smoke_" + run;
        String checkout = """
                {"id":"%s","object":"event","type":"checkout.session.completed","created":%d,
                 "data":{"object":{"id":"cs_smoke_%s","object":"checkout.session","mode":"payment","payment_status":"paid",
                   "amount_total":1234,"currency":"gbp","payment_intent":"%s",
                   "customer_details":{"name":"Smoke Webhook%s","email":"smoke-%s@example.org"},"metadata":{}}}}
                """.formatted(eventId, Instant.now().getEpochSecond(), run, payment, run, run);
        Answer forged = api.deliver("/webhooks/stripe", checkout, "Stripe-Signature",
                Signatures.stripeHeader("whsec_not_the_secret", Instant.now().getEpochSecond(), bytes(checkout)));
        checks.check("a delivery signed with another secret is refused", forged.status() == 400, forged);
        Answer first = deliver(checkout);
        if (!checks.check("a signed checkout is acknowledged", first.status() == 204, first)) {
            return;
        }
        Answer again = deliver(checkout);
        checks.check("the same event again is acknowledged", again.status() == 204, again);
        JsonNode outcome = settled(eventId);
        String giftId = outcome.path("giftId").asText("");
        if (!checks.check("the checkout is posted", "processed".equals(outcome.path("status").asText()) && !giftId.isEmpty(), outcome)) {
            return;
        }
        Answer gift = api.get("/gifts/" + giftId);
        JsonNode posted = gift.body().path("data").path("gift");
        checks.check("the gift is £12.34 of that payment", posted.path("amount").path("amountMicros").asLong() == 12_340_000
                && payment.equals(posted.path("providerPaymentId").asText()), gift);
        Answer listed = api.get("/gifts?limit=5&search=" + "Smoke+Webhook" + run);
        checks.check("posted once", listed.body().path("data").path("gifts").size() == 1, listed);

        String refundId = "evt_smoke_refund_" + run;
        String refund = """
                {"id":"%s","object":"event","type":"charge.refunded","created":%d,
                 "data":{"object":{"id":"ch_smoke_%s","object":"charge","amount":1234,"amount_refunded":234,"currency":"gbp",
                   "payment_intent":"%s"}}}
                """.formatted(refundId, Instant.now().getEpochSecond(), run, payment);
        Answer refunded = deliver(refund);
        checks.check("a refund is acknowledged", refunded.status() == 204, refunded);
        JsonNode refundOutcome = settled(refundId);
        Answer after = api.get("/gifts/" + giftId);
        checks.check("the refund is recorded on the gift", "processed".equals(refundOutcome.path("status").asText())
                && "PARTIALLY_REFUNDED".equals(after.body().path("data").path("gift").path("refundStatus").asText()), after);
    }

    private Answer deliver(String body) throws IOException, InterruptedException {
        return api.deliver("/webhooks/stripe", body, "Stripe-Signature",
                Signatures.stripeHeader(secret, Instant.now().getEpochSecond(), bytes(body)));
    }

    /**
     * The event's outcome once the inbox worker settled it (the gifts go in at the gate's pace), looked for twice a
     * second; else what is parked, for the failure's evidence.
     */
    private JsonNode settled(String eventId) throws IOException, InterruptedException {
        Optional<JsonNode> found = SmokeClient.lookUntil(LOOK_EVERY, SETTLED_WITHIN, () -> outcome(eventId), outcome -> true);
        return found.isPresent() ? found.get() : api.get("/webhooks/events?status=parked").body();
    }

    private JsonNode outcome(String eventId) throws IOException, InterruptedException {
        for (JsonNode event : api.get("/webhooks/events").body().path("events")) {
            if (eventId.equals(event.path("eventId").asText())) {
                return event;
            }
        }
        return null;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
