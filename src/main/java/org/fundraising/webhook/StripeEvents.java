package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Ids;
import org.fundraising.platform.Money;
import org.fundraising.staging.StagingIntake;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads Stripe events into gifts. A completed Checkout session is a one-off gift: its amount in the currency's
 * minor units as Stripe counts them, its date the UTC day of the event, its donor from the session's metadata or
 * the name and email the donor typed, its phone and address kept for a new donor, the session id as
 * {@code externalId} and the payment intent as the provider payment id.
 */
@ApplicationScoped
public class StripeEvents {

    static final String CHECKOUT_COMPLETED = "checkout.session.completed";
    /** A delayed payment method (a bank debit) confirmed after the session completed unpaid. */
    static final String CHECKOUT_ASYNC_SUCCEEDED = "checkout.session.async_payment_succeeded";
    static final String CHARGE_REFUNDED = "charge.refunded";
    static final String INVOICE_PAID = "invoice.paid";
    static final String INVOICE_PAYMENT_SUCCEEDED = "invoice.payment_succeeded";
    /** Newer Stripe API versions tell an instalment's payment with this, beside {@code invoice.paid}. */
    static final String INVOICE_PAYMENT_PAID = "invoice_payment.paid";
    static final String INVOICE_PAYMENT_FAILED = "invoice.payment_failed";
    static final String SUBSCRIPTION_UPDATED = "customer.subscription.updated";
    static final String SUBSCRIPTION_DELETED = "customer.subscription.deleted";
    /** Failed attempts at one instalment after which its agreement is delinquent. */
    static final int DELINQUENT_AFTER_FAILURES = 3;

    /** Currencies Stripe counts in whole units. */
    private static final Set<String> ZERO_DECIMAL = Set.of("BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG",
            "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF");
    /** Currencies Stripe counts in thousandths. Every other currency is counted in hundredths (ISK and HUF included). */
    private static final Set<String> THREE_DECIMAL = Set.of("BHD", "JOD", "KWD", "OMR", "TND");

    private final ObjectMapper json;

    StripeEvents(ObjectMapper json) {
        this.json = json;
    }

    Mapped read(InboxEvent event) {
        JsonNode body;
        try {
            body = json.readTree(event.body());
        } catch (IOException e) {
            return new Mapped.Unreadable("the stored event is not JSON");
        }
        return switch (event.type()) {
            case CHECKOUT_COMPLETED, CHECKOUT_ASYNC_SUCCEEDED -> checkout(body);
            case CHARGE_REFUNDED -> refund(body);
            case INVOICE_PAID, INVOICE_PAYMENT_SUCCEEDED, INVOICE_PAYMENT_PAID -> instalment(body, event.type());
            case INVOICE_PAYMENT_FAILED -> failedInstalment(body);
            case SUBSCRIPTION_UPDATED, SUBSCRIPTION_DELETED -> subscriptionChange(body, event.type());
            default -> new Mapped.Ignore("Stripe " + event.type() + " is not acted on");
        };
    }

    private Mapped checkout(JsonNode event) {
        JsonNode session = event.path("data").path("object");
        String mode = session.path("mode").asText("");
        if (!"payment".equals(mode) && !"subscription".equals(mode)) {
            return new Mapped.Ignore("a " + (mode.isEmpty() ? "modeless" : mode) + " session takes no payment");
        }
        String sessionId = session.path("id").asText("");
        String currency = session.path("currency").asText("").toUpperCase(Locale.ROOT);
        JsonNode total = session.path("amount_total");
        if (sessionId.isEmpty() || !total.canConvertToLong() || currency.length() != 3) {
            return new Mapped.Unreadable("a Checkout session needs an id, amount_total and currency");
        }
        long minor = total.asLong();
        if (minor <= 0) {
            return new Mapped.Ignore("no money changed hands (amount_total " + minor + ")");
        }
        boolean subscription = "subscription".equals(mode);
        // A subscription's first payment is its first invoice, which invoice.paid tells too: both name the invoice.
        String invoiceId = text(session, "invoice");
        String paymentId = subscription && invoiceId != null ? invoiceId : paymentId(session, sessionId);
        Donor donor = donor(session);
        ObjectNode gift = gift(minor, currency, eventDay(event), paymentId, sessionId, donor, session.path("customer_details"));
        String appealId = metadata(session, "appealId", "appeal_id");
        if (appealId != null && Ids.isUuid(appealId)) {
            gift.put("appealId", appealId);
        }
        gift.set("providerContext", context(session, paymentId));
        String subscriptionId = subscription ? idOf(session.path("subscription")) : null;
        return decide(gift, paymentId, donor, session.path("payment_status").asText("paid"), subscriptionId,
                subscription ? cadence(session) : null,
                subscription && subscriptionId == null ? "a subscription session without its subscription id" : null);
    }

    /**
     * An instalment paid: one gift, for the donor of the subscription's agreement. Its payment is the invoice, so
     * {@code invoice.paid}, {@code invoice.payment_succeeded}, {@code invoice_payment.paid} and the subscription's
     * Checkout session, whichever come, post it once.
     */
    private Mapped instalment(JsonNode event, String type) {
        JsonNode paid = event.path("data").path("object");
        boolean invoicePayment = INVOICE_PAYMENT_PAID.equals(type);
        String invoiceId = invoicePayment ? idOf(paid.path("invoice")) : text(paid, "id");
        String currency = paid.path("currency").asText("").toUpperCase(Locale.ROOT);
        JsonNode amount = paid.path("amount_paid");
        if (invoiceId == null || !amount.canConvertToLong() || currency.length() != 3) {
            return new Mapped.Unreadable("an instalment needs its invoice, amount_paid and currency");
        }
        if (amount.asLong() <= 0) {
            return new Mapped.Ignore("no money changed hands (amount_paid " + amount.asLong() + ")");
        }
        String subscriptionId = invoicePayment ? null : subscriptionOf(paid);
        Donor donor = typed(text(paid, "customer_name"), text(paid, "customer_email"));
        long paidAt = paid.path("status_transitions").path("paid_at").asLong(0);
        LocalDate day = paidAt > 0 ? Instant.ofEpochSecond(paidAt).atZone(ZoneOffset.UTC).toLocalDate() : eventDay(event);
        ObjectNode gift = gift(amount.asLong(), currency, day, invoiceId, invoiceId, donor, paid.path("customer_address"));
        ObjectNode context = json.createObjectNode().put("invoiceId", invoiceId);
        putText(context, "subscriptionId", subscriptionId);
        putText(context, "customerId", text(paid, "customer"));
        gift.set("providerContext", context);
        String reason = subscriptionId != null ? null : invoicePayment
                ? "an instalment whose subscription Stripe did not name (invoice_payment.paid): link it to its agreement"
                : "an invoice paid outside a subscription: settle its donor";
        return decide(gift, invoiceId, donor, "paid", subscriptionId, null, reason);
    }

    /** A failed instalment: after {@value #DELINQUENT_AFTER_FAILURES} failed attempts its agreement is delinquent. */
    private Mapped failedInstalment(JsonNode event) {
        JsonNode invoice = event.path("data").path("object");
        String subscriptionId = subscriptionOf(invoice);
        if (subscriptionId == null) {
            return new Mapped.Ignore("a failed payment outside a subscription");
        }
        int attempts = invoice.path("attempt_count").asInt(1);
        return attempts >= DELINQUENT_AFTER_FAILURES
                ? Mapped.AgreementChange.ofSubscription(Provider.STRIPE, subscriptionId, "delinquent", null, attempts + " failed attempts at invoice " + text(invoice, "id"))
                : new Mapped.Ignore("failed attempt " + attempts + " of invoice " + text(invoice, "id") + "; Stripe tries again");
    }

    /** The subscription's status carried to its agreement: ended → canceled, unpaid → delinquent, paused → paused. */
    private Mapped subscriptionChange(JsonNode event, String type) {
        JsonNode subscription = event.path("data").path("object");
        String subscriptionId = text(subscription, "id");
        if (subscriptionId == null) {
            return new Mapped.Unreadable("a subscription event without the subscription's id");
        }
        String stripeStatus = subscription.path("status").asText("");
        long canceled = subscription.path("canceled_at").asLong(0);
        Instant canceledAt = canceled > 0 ? Instant.ofEpochSecond(canceled) : null;
        if (SUBSCRIPTION_DELETED.equals(type) || "canceled".equals(stripeStatus)) {
            return Mapped.AgreementChange.ofSubscription(Provider.STRIPE, subscriptionId, "canceled", canceledAt != null ? canceledAt : eventInstant(event),
                    "the subscription ended at Stripe");
        }
        String status = !subscription.path("pause_collection").isMissingNode() && subscription.path("pause_collection").isObject()
                ? "paused" : switch (stripeStatus) {
                    case "active", "trialing" -> "active";
                    case "past_due", "unpaid" -> "delinquent";
                    case "paused" -> "paused";
                    default -> null;
                };
        return status == null ? new Mapped.Ignore("subscription status " + stripeStatus + " leaves the agreement as it is")
                : Mapped.AgreementChange.ofSubscription(Provider.STRIPE, subscriptionId, status, null, "the subscription is " + stripeStatus + " at Stripe");
    }

    /** The gift of a payment, as the staging schema reads it. */
    private ObjectNode gift(long minor, String currency, LocalDate day, String paymentId, String externalId, Donor donor,
                            JsonNode details) {
        ObjectNode gift = json.createObjectNode();
        gift.putObject("amount").put("amountMicros", micros(minor, currency)).put("currencyCode", currency);
        gift.put("giftDate", day.toString()).put("paymentMethod", "card").put("intakeSource", "stripe_webhook")
                .put("provider", "stripe").put("providerPaymentId", paymentId).put("externalId", externalId)
                .put("sourceFingerprint", paymentId).put("autoProcess", false);
        putText(gift, "donorFirstName", donor.firstName());
        putText(gift, "donorLastName", donor.lastName());
        putText(gift, "donorEmail", donor.email());
        putText(gift, "donorPhone", text(details, "phone"));
        ObjectNode address = address(details.has("address") ? details.path("address") : details);
        if (!address.isEmpty()) {
            gift.set("donorAddress", address);
        }
        return gift;
    }

    /** Post, or stage for review with the first reason that holds. */
    private Mapped decide(ObjectNode gift, String paymentId, Donor donor, String paymentStatus, String subscriptionId,
                          String cadence, String reviewReason) {
        String stagingId = Ids.derived("webhook:stripe:payment:" + paymentId);
        GiftDraft draft;
        try {
            draft = GiftInput.read(gift, StagingIntake.SCHEMA, GiftInput.Route.PROVIDER, LocalDate.parse(gift.path("giftDate").asText()));
        } catch (ApiException invalid) {
            return new Mapped.Unreadable("the payment's gift breaks a gift rule: " + describe(invalid));
        }
        if (reviewReason != null) {
            return new Mapped.Review(stagingId, draft, reviewReason);
        }
        if (!"paid".equals(paymentStatus)) {
            return new Mapped.Review(stagingId, draft, "awaiting payment: Stripe has not confirmed it yet");
        }
        if (subscriptionId == null && donor.firstName() == null) {
            return new Mapped.Review(stagingId, draft, "no usable donor name: the donor typed none");
        }
        return new Mapped.Post(stagingId, draft, subscriptionId, null, cadence);
    }

    /**
     * How often a subscription bought at a Checkout collects, from its expanded subscription's price (or the
     * session's {@code interval}/{@code interval_count} metadata): week/1 weekly, month/1 monthly, month/3 quarterly,
     * year/1 annual; any other interval is none, and the payment goes to review if no agreement has the subscription.
     */
    static String cadence(JsonNode session) {
        JsonNode recurring = session.path("subscription").path("items").path("data").path(0).path("price").path("recurring");
        String interval = recurring.isObject() ? recurring.path("interval").asText("") : metadata(session, "interval", "interval");
        int count = recurring.isObject() ? recurring.path("interval_count").asInt(1)
                : parsedCount(metadata(session, "intervalCount", "interval_count"));
        if (interval == null) {
            return null;
        }
        return switch (interval + "/" + count) {
            case "week/1" -> "weekly";
            case "month/1" -> "monthly";
            case "month/3" -> "quarterly";
            case "year/1" -> "annual";
            default -> null;
        };
    }

    private static int parsedCount(String count) {
        try {
            return count == null ? 1 : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The subscription of an invoice: {@code subscription}, or {@code parent.subscription_details.subscription} (2025 API). */
    private static String subscriptionOf(JsonNode invoice) {
        String direct = idOf(invoice.path("subscription"));
        return direct != null ? direct : idOf(invoice.path("parent").path("subscription_details").path("subscription"));
    }

    /** An id given as a string, or as the expanded object. */
    private static String idOf(JsonNode reference) {
        String id = reference.isObject() ? reference.path("id").asText("") : reference.isTextual() ? reference.asText() : "";
        return id.isBlank() ? null : id;
    }

    private static Instant eventInstant(JsonNode event) {
        return Instant.ofEpochSecond(event.path("created").asLong(Instant.now().getEpochSecond()));
    }

    private static LocalDate eventDay(JsonNode event) {
        return eventInstant(event).atZone(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * A refunded charge: {@code amount_refunded} is what has been given back in all, so it is written as the gift's
     * running total; the date is the latest refund's (else the event's).
     */
    private Mapped refund(JsonNode event) {
        JsonNode charge = event.path("data").path("object");
        String currency = charge.path("currency").asText("").toUpperCase(Locale.ROOT);
        JsonNode refunded = charge.path("amount_refunded");
        String paymentId = idOf(charge.path("payment_intent"));
        if (!refunded.canConvertToLong() || currency.length() != 3 || paymentId == null) {
            return new Mapped.Unreadable("a refunded charge needs amount_refunded, currency and payment_intent");
        }
        long latest = event.path("created").asLong(Instant.now().getEpochSecond());
        for (JsonNode refund : charge.path("refunds").path("data")) {
            latest = Math.max(latest, refund.path("created").asLong(0));
        }
        LocalDate date = Instant.ofEpochSecond(latest).atZone(ZoneOffset.UTC).toLocalDate();
        return new Mapped.Refund(paymentId, micros(refunded.asLong(), currency), date,
                "Refunded through Stripe (charge " + charge.path("id").asText("") + ")");
    }

    /** Stripe's minor units as micros: 1050 GBP pence → 10 500 000, 1050 JPY → 1 050 000 000, 1050 KWD fils → 1 050 000. */
    static long micros(long minor, String currency) {
        return Money.microsFromMinor(minor, ZERO_DECIMAL.contains(currency) ? 0 : THREE_DECIMAL.contains(currency) ? 3 : 2);
    }

    /** The payment intent (a string, or an expanded object), else the session itself for a session without one. */
    private static String paymentId(JsonNode session, String sessionId) {
        String intent = idOf(session.path("payment_intent"));
        return intent == null ? sessionId : intent;
    }

    private record Donor(String firstName, String lastName, String email) {
    }

    /**
     * Metadata set by the donation form wins; else the name the donor typed, split at the first space
     * ("Ada King Lovelace" → Ada / King Lovelace; a single word is a first name only).
     */
    private static Donor donor(JsonNode session) {
        String first = metadata(session, "firstName", "first_name");
        String last = metadata(session, "lastName", "last_name");
        String email = metadata(session, "email", "email");
        if (email == null) {
            email = text(session.path("customer_details"), "email");
        }
        return first == null && last == null ? typed(text(session.path("customer_details"), "name"), email)
                : new Donor(first, last, email);
    }

    /** A name as the donor typed it, split at the first space; a single word is a first name only. */
    private static Donor typed(String name, String email) {
        if (name == null) {
            return new Donor(null, null, email);
        }
        String[] parts = name.trim().split("\\s+", 2);
        return new Donor(parts[0], parts.length > 1 ? parts[1] : null, email);
    }

    private static ObjectNode address(JsonNode stripe) {
        ObjectNode address = JsonNodeFactory.instance.objectNode();
        putText(address, "line1", text(stripe, "line1"));
        putText(address, "line2", text(stripe, "line2"));
        putText(address, "city", text(stripe, "city"));
        putText(address, "region", text(stripe, "state"));
        putText(address, "postalCode", text(stripe, "postal_code"));
        putText(address, "country", text(stripe, "country"));
        return address;
    }

    private ObjectNode context(JsonNode session, String paymentId) {
        ObjectNode context = json.createObjectNode();
        putText(context, "checkoutSessionId", text(session, "id"));
        putText(context, "paymentIntentId", paymentId.equals(text(session, "id")) ? null : paymentId);
        putText(context, "subscriptionId", text(session, "subscription"));
        putText(context, "customerId", text(session, "customer"));
        putText(context, "mode", text(session, "mode"));
        ObjectNode metadata = json.createObjectNode();
        session.path("metadata").fields().forEachRemaining(field -> {
            if (field.getValue().isTextual() && !field.getValue().asText().isBlank()) {
                metadata.put(field.getKey(), field.getValue().asText());
            }
        });
        if (!metadata.isEmpty()) {
            context.set("metadata", metadata);
        }
        return context;
    }

    private static String metadata(JsonNode session, String name, String alternative) {
        String value = text(session.path("metadata"), name);
        return value != null ? value : text(session.path("metadata"), alternative);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }

    private static void putText(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }

    private static String describe(ApiException invalid) {
        List<?> details = invalid.details();
        if (!details.isEmpty() && details.get(0) instanceof FieldError first) {
            return first.field() + " " + first.message();
        }
        return invalid.getMessage();
    }
}
