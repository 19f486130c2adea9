package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Ids;
import org.fundraising.platform.Money;
import org.fundraising.staging.StagingIntake;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Set;
import java.time.format.DateTimeParseException;

/**
 * Reads GoCardless events. Mandates and subscriptions carry their state to the agreement collected under them
 * (cancelled or expired → canceled, failed → delinquent, finished → completed, paused → paused, resumed or
 * reinstated → active). A payment event names its payment but not its amount, so the payment is read from
 * GoCardless' API (one read per payment event): confirmed or paid out, it is a gift for the donor of the agreement
 * of its subscription or mandate; created or submitted, it is staged as awaiting payment; failed or cancelled, its
 * agreement becomes delinquent or canceled. A refund event's refund and payment are read (two calls) for the
 * payment's running refunded total, recorded on its gift.
 */
@ApplicationScoped
public class GoCardlessEvents {

    private final ObjectMapper json;
    private final GoCardlessApi api;
    private final GoCardlessSettings settings;

    GoCardlessEvents(ObjectMapper json, @RestClient GoCardlessApi api, GoCardlessSettings settings) {
        this.json = json;
        this.api = api;
        this.settings = settings;
    }

    Uni<Mapped> read(InboxEvent event) {
        JsonNode body;
        try {
            body = json.readTree(event.body());
        } catch (IOException e) {
            return Uni.createFrom().item(new Mapped.Unreadable("the stored event is not JSON"));
        }
        if ("payments".equals(body.path("resource_type").asText(""))) {
            return payment(body.path("action").asText(""), body.path("links").path("payment").asText(""));
        }
        if ("refunds".equals(body.path("resource_type").asText(""))) {
            return refund(body.path("action").asText(""), body.path("links").path("refund").asText(""),
                    instant(body.path("created_at").asText("")));
        }
        return Uni.createFrom().item(notPayment(event, body));
    }

    private Mapped notPayment(InboxEvent event, JsonNode body) {
        String action = body.path("action").asText("");
        JsonNode links = body.path("links");
        Instant at = instant(body.path("created_at").asText(""));
        return switch (body.path("resource_type").asText("")) {
            case "mandates" -> mandate(action, links.path("mandate").asText(""), at);
            case "subscriptions" -> subscription(action, links.path("subscription").asText(""), at);
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
        return Mapped.AgreementChange.ofMandate(Provider.GOCARDLESS, mandate, status,
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

    /**
     * A refund: the refund read for its payment, then the payment for its running refunded total, which is what the
     * gift records (so a repeated or late refund event writes the same figures). A failed refund changes nothing.
     */
    private Uni<Mapped> refund(String action, String refundId, Instant at) {
        if (!Set.of("created", "paid", "refund_settled").contains(action)) {
            return Uni.createFrom().item(new Mapped.Ignore("refund " + action + " changes nothing here"));
        }
        String token = token();
        if (token == null || refundId.isEmpty()) {
            return Uni.createFrom().item(new Mapped.Unreadable(refundId.isEmpty() ? "a refund event without its refund's id"
                    : "GOCARDLESS_ACCESS_TOKEN is not set, so refund " + refundId + " cannot be read: set it, then replay this event"));
        }
        return api.refund(refundId, token, GoCardlessApi.VERSION)
                .map(answer -> answer.path("refunds").path("links").path("payment").asText(""))
                .chain(paymentId -> paymentId.isEmpty()
                        ? Uni.createFrom().item((Mapped) new Mapped.Unreadable("refund " + refundId + " names no payment"))
                        : api.payment(paymentId, token, GoCardlessApi.VERSION).map(answer -> {
                            JsonNode payment = answer.path("payments");
                            String currency = payment.path("currency").asText("");
                            long refunded = payment.path("amount_refunded").asLong(0);
                            return (Mapped) new Mapped.Refund(paymentId, Money.microsFromMinor(refunded, Money.fractionDigits(currency)),
                                    at.atZone(ZoneOffset.UTC).toLocalDate(), "Refunded through GoCardless (refund " + refundId + ")");
                        }))
                .onFailure(WebApplicationException.class).recoverWithItem(failure -> unavailable("refund " + refundId, failure))
                .onFailure().recoverWithItem(failure -> new Mapped.Later("GoCardless could not be reached: " + failure.getMessage()));
    }

    /** The {@code Authorization} value of GoCardless' API, or null when no access token is set. */
    private String token() {
        return settings.accessToken().filter(token -> !token.isBlank()).map(token -> "Bearer " + token).orElse(null);
    }

    /** A 404, 401 or 403 from GoCardless will not change by waiting: parked; anything else is tried again later. */
    private static Mapped unavailable(String what, Throwable failure) {
        int status = ((WebApplicationException) failure).getResponse().getStatus();
        return status == 404 || status == 401 || status == 403
                ? new Mapped.Unreadable("GoCardless answered " + status + " for " + what)
                : new Mapped.Later("GoCardless answered " + status + " for " + what);
    }

    /** The payment read from GoCardless' API, then what its event asks. */
    private Uni<Mapped> payment(String action, String paymentId) {
        if (!Set.of("created", "submitted", "confirmed", "paid_out", "failed", "cancelled").contains(action)) {
            return Uni.createFrom().item(new Mapped.Ignore("payment " + action + " changes nothing here"));
        }
        if (paymentId.isEmpty()) {
            return Uni.createFrom().item(new Mapped.Unreadable("a payment event without its payment's id"));
        }
        String token = token();
        if (token == null) {
            return Uni.createFrom().item(new Mapped.Unreadable("GOCARDLESS_ACCESS_TOKEN is not set, so payment " + paymentId
                    + " cannot be read: set it, then replay this event"));
        }
        return api.payment(paymentId, token, GoCardlessApi.VERSION)
                .map(answer -> payment(action, answer.path("payments")))
                .onFailure(WebApplicationException.class).recoverWithItem(failure -> unavailable("payment " + paymentId, failure))
                .onFailure().recoverWithItem(failure -> new Mapped.Later("GoCardless could not be reached: " + failure.getMessage()));
    }

    private Mapped payment(String action, JsonNode payment) {
        String paymentId = payment.path("id").asText("");
        String currency = payment.path("currency").asText("");
        JsonNode amount = payment.path("amount");
        if (paymentId.isEmpty() || !amount.canConvertToLong() || !Money.isCurrency(currency)) {
            return new Mapped.Unreadable("GoCardless' payment has no id, amount or currency");
        }
        String subscription = text(payment.path("links"), "subscription");
        String mandate = text(payment.path("links"), "mandate");
        if ("failed".equals(action) || "cancelled".equals(action)) {
            String status = "failed".equals(action) ? "delinquent" : "canceled";
            String reason = "payment " + paymentId + " " + action + " at GoCardless";
            Instant at = "canceled".equals(status) ? Instant.now() : null;
            return subscription != null ? Mapped.AgreementChange.ofSubscription(Provider.GOCARDLESS, subscription, status, at, reason)
                    : mandate != null ? Mapped.AgreementChange.ofMandate(Provider.GOCARDLESS, mandate, status, at, reason)
                    : new Mapped.Ignore(reason + ", outside any mandate");
        }
        String day = payment.path("charge_date").asText("");
        LocalDate chargeDate;
        try {
            chargeDate = LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return new Mapped.Unreadable("GoCardless' payment " + paymentId + " has no charge date");
        }
        ObjectNode gift = json.createObjectNode();
        long micros = Money.microsFromMinor(amount.asLong(), Money.fractionDigits(currency));
        gift.putObject("amount").put("amountMicros", micros).put("currencyCode", currency);
        gift.put("giftDate", chargeDate.toString()).put("paymentMethod", "direct_debit").put("intakeSource", "gocardless_webhook")
                .put("provider", Provider.GOCARDLESS.wire()).put("providerPaymentId", paymentId).put("externalId", paymentId)
                .put("sourceFingerprint", paymentId).put("autoProcess", false);
        ObjectNode context = gift.putObject("providerContext").put("paymentId", paymentId).put("providerStatus", action);
        if (subscription != null) {
            context.put("subscriptionId", subscription);
        }
        if (mandate != null) {
            context.put("mandateId", mandate);
        }
        GiftDraft draft;
        try {
            draft = GiftInput.read(gift, StagingIntake.SCHEMA, GiftInput.Route.PROVIDER, chargeDate);
        } catch (ApiException invalid) {
            return new Mapped.Unreadable("GoCardless' payment breaks a gift rule: " + invalid.getMessage());
        }
        String stagingId = Ids.derived("webhook:gocardless:payment:" + paymentId);
        if ("created".equals(action) || "submitted".equals(action)) {
            return new Mapped.Review(stagingId, draft, "awaiting payment: GoCardless collects it on " + chargeDate);
        }
        if (subscription == null && mandate == null) {
            return new Mapped.Review(stagingId, draft, "a GoCardless payment outside any mandate: settle its donor");
        }
        return new Mapped.Post(stagingId, draft, subscription, mandate, null);
    }

    private static String text(JsonNode node, String field) {
        String value = node.path(field).asText("");
        return value.isBlank() ? null : value;
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return Instant.now();
        }
    }
}
