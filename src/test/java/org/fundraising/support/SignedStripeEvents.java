package org.fundraising.support;

import javax.crypto.Mac;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Stripe events as Stripe sends them, signed as Stripe signs them (computed here, from the secret). */
public final class SignedStripeEvents {

    private SignedStripeEvents() {
    }

    /** A completed and paid one-off Checkout session, by a donor who typed their name and email. */
    public static String checkout(String eventId, String paymentIntent, long amountTotal, String currency, String name, String email) {
        return """
                {"id":"%s","object":"event","type":"checkout.session.completed","created":1764460800,
                 "data":{"object":{"id":"cs_%s","object":"checkout.session","mode":"payment","payment_status":"paid",
                   "amount_total":%d,"currency":"%s","payment_intent":%s,"customer":"cus_1",
                   "customer_details":{"name":%s,"email":%s,"phone":"+44 20 7946 0958",
                     "address":{"line1":"1 High Street","line2":null,"city":"Bath","state":"Somerset","postal_code":"BA1 1AA","country":"GB"}},
                   "metadata":{}}}}
                """.formatted(eventId, eventId, amountTotal, currency, quoted(paymentIntent), quoted(name), quoted(email));
    }

    /** A charge refunded in part or whole: {@code amountRefunded} is Stripe's running total in minor units. */
    public static String chargeRefunded(String eventId, String paymentIntent, long amount, long amountRefunded, String currency) {
        return """
                {"id":"%s","object":"event","type":"charge.refunded","created":1764547200,
                 "data":{"object":{"id":"ch_%s","object":"charge","amount":%d,"amount_refunded":%d,"currency":"%s",
                   "payment_intent":"%s","refunded":%s}}}
                """.formatted(eventId, paymentIntent, amount, amountRefunded, currency, paymentIntent, amountRefunded >= amount);
    }

    /** An instalment's invoice paid ({@code invoice.paid}), as the 2025 API names its subscription (under {@code parent}). */
    public static String invoicePaid(String eventId, String invoiceId, String subscriptionId, long amountPaid, String currency) {
        return """
                {"id":"%s","object":"event","type":"invoice.paid","created":1764460800,
                 "data":{"object":{"id":"%s","object":"invoice","amount_paid":%d,"currency":"%s","customer":"cus_r",
                   "customer_email":"rec@example.org","customer_name":"Rec Donor","billing_reason":"subscription_cycle",
                   "status_transitions":{"paid_at":1764460800},
                   "parent":{"type":"subscription_details","subscription_details":{"subscription":"%s"}}}}}
                """.formatted(eventId, invoiceId, amountPaid, currency, subscriptionId);
    }

    /** The same instalment told by newer API versions ({@code invoice_payment.paid}): the invoice, not the subscription. */
    public static String invoicePaymentPaid(String eventId, String invoiceId, long amountPaid, String currency) {
        return """
                {"id":"%s","object":"event","type":"invoice_payment.paid","created":1764460800,
                 "data":{"object":{"id":"inpay_%s","object":"invoice_payment","invoice":"%s","amount_paid":%d,"currency":"%s",
                   "status_transitions":{"paid_at":1764460800}}}}
                """.formatted(eventId, eventId, invoiceId, amountPaid, currency);
    }

    /** A subscription's Checkout session completed: its first payment is the subscription's first invoice. */
    public static String subscriptionCheckout(String eventId, String subscriptionId, String invoiceId, long amountTotal,
                                              String currency, String name, String email) {
        return checkout(eventId, null, amountTotal, currency, name, email).replace("\"mode\":\"payment\"",
                "\"mode\":\"subscription\",\"subscription\":\"" + subscriptionId + "\",\"invoice\":\"" + invoiceId + "\"");
    }

    /** {@code customer.subscription.updated} or {@code .deleted} with the subscription's status. */
    public static String subscriptionEvent(String eventId, String type, String subscriptionId, String status) {
        return """
                {"id":"%s","object":"event","type":"%s","created":1764460800,
                 "data":{"object":{"id":"%s","object":"subscription","status":"%s","canceled_at":%s,"pause_collection":null}}}
                """.formatted(eventId, type, subscriptionId, status, "canceled".equals(status) ? "1764460800" : "null");
    }

    /** An instalment's payment failed, on Stripe's {@code attemptCount}th attempt. */
    public static String invoiceFailed(String eventId, String invoiceId, String subscriptionId, int attemptCount) {
        return """
                {"id":"%s","object":"event","type":"invoice.payment_failed","created":1764460800,
                 "data":{"object":{"id":"%s","object":"invoice","subscription":"%s","attempt_count":%d,"amount_due":1000,"currency":"gbp"}}}
                """.formatted(eventId, invoiceId, subscriptionId, attemptCount);
    }

    /** {@code Stripe-Signature} for {@code body} at {@code timestamp}, one {@code v1} per secret. */
    public static String signature(String body, long timestamp, String... secrets) {
        StringBuilder header = new StringBuilder("t=" + timestamp);
        for (String secret : secrets) {
            header.append(",v1=").append(hmac(secret, timestamp + "." + body));
        }
        return header.toString();
    }

    /** Delivers {@code body} to the service at {@code base}, signed now with {@code secret}; answers the status. */
    public static int deliver(HttpClient client, String base, String body, String secret) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/fundraising/webhooks/stripe"))
                    .header("Content-Type", "application/json")
                    .header("Stripe-Signature", signature(body, Instant.now().getEpochSecond(), secret))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String hmac(String secret, String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
