package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads GoCardless events. Mandates and subscriptions carry their state to the agreement collected under them
 * (cancelled or expired → canceled, failed → delinquent, finished → completed, paused → paused, resumed or
 * reinstated → active). A payment event names its payment but not its amount, so posting it needs GoCardless' API,
 * which this service does not call yet: payment events are recorded as ignored, except a failed or cancelled
 * payment of a subscription, which makes its agreement delinquent or canceled.
 */
@ApplicationScoped
public class GoCardlessEvents {

    private final ObjectMapper json;

    GoCardlessEvents(ObjectMapper json) {
        this.json = json;
    }

    Mapped read(InboxEvent event) {
        JsonNode body;
        try {
            body = json.readTree(event.body());
        } catch (IOException e) {
            return new Mapped.Unreadable("the stored event is not JSON");
        }
        String action = body.path("action").asText("");
        JsonNode links = body.path("links");
        Instant at = instant(body.path("created_at").asText(""));
        return switch (body.path("resource_type").asText("")) {
            case "mandates" -> mandate(action, links.path("mandate").asText(""), at);
            case "subscriptions" -> subscription(action, links.path("subscription").asText(""), at);
            case "payments" -> payment(action, links.path("subscription").asText(""), at);
            default -> new Mapped.Ignore("GoCardless " + event.type() + " is not acted on");
        };
    }

    private static Mapped mandate(String action, String mandate, Instant at) {
        String status = switch (action) {
            case "cancelled", "expired" -> "canceled";
            case "failed" -> "delinquent";
            case "reinstated", "active" -> "active";
            default -> null;
        };
        if (status == null || mandate.isEmpty()) {
            return new Mapped.Ignore("mandate " + action + " leaves its agreement as it is");
        }
        return new Mapped.AgreementChange(Provider.GOCARDLESS, Agreements.MANDATE_FIELD, mandate, status,
                "canceled".equals(status) ? at : null, "the mandate was " + action + " at GoCardless");
    }

    private static Mapped subscription(String action, String subscription, Instant at) {
        String status = switch (action) {
            case "cancelled" -> "canceled";
            case "finished" -> "completed";
            case "paused" -> "paused";
            case "resumed" -> "active";
            default -> null;
        };
        if (status == null || subscription.isEmpty()) {
            return new Mapped.Ignore("subscription " + action + " leaves its agreement as it is");
        }
        return Mapped.AgreementChange.ofSubscription(Provider.GOCARDLESS, subscription, status,
                "canceled".equals(status) ? at : null, "the subscription was " + action + " at GoCardless");
    }

    private static Mapped payment(String action, String subscription, Instant at) {
        if (!subscription.isEmpty() && ("failed".equals(action) || "cancelled".equals(action))) {
            String status = "failed".equals(action) ? "delinquent" : "canceled";
            return Mapped.AgreementChange.ofSubscription(Provider.GOCARDLESS, subscription, status,
                    "canceled".equals(status) ? at : null, "a payment of the subscription " + action + " at GoCardless");
        }
        return new Mapped.Ignore("payment " + action + ": a GoCardless payment event carries no amount, and this service "
                + "does not read payments from GoCardless' API yet");
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
