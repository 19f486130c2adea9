package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.fundraising.platform.OpenRoute;
import org.jboss.resteasy.reactive.RestResponse;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Test-only stand-in for GoCardless' payments API: answers the payments a test put here, as GoCardless does. */
@Path("/gocardless-fake")
@OpenRoute("a test stand-in for GoCardless' API")
public class GoCardlessFakeResource {

    static final Map<String, JsonNode> PAYMENTS = new ConcurrentHashMap<>();
    static final Map<String, JsonNode> REFUNDS = new ConcurrentHashMap<>();
    static final AtomicInteger READS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A payment as GoCardless answers it: amount in minor units, its mandate and subscription under links. */
    static void payment(String id, long amount, String currency, String chargeDate, String mandate, String subscription) {
        var payment = JSON.createObjectNode().put("id", id).put("amount", amount).put("currency", currency)
                .put("charge_date", chargeDate).put("status", "confirmed");
        var links = payment.putObject("links").put("creditor", "CR1");
        if (mandate != null) {
            links.put("mandate", mandate);
        }
        if (subscription != null) {
            links.put("subscription", subscription);
        }
        PAYMENTS.put(id, payment);
    }

    /** A refund of {@code amount} on the payment, whose running {@code amount_refunded} grows by it, as GoCardless keeps it. */
    static void refund(String id, String paymentId, long amount) {
        REFUNDS.put(id, JSON.createObjectNode().put("id", id).put("amount", amount).set("links",
                JSON.createObjectNode().put("payment", paymentId)));
        var payment = (ObjectNode) PAYMENTS.get(paymentId);
        payment.put("amount_refunded", payment.path("amount_refunded").asLong(0) + amount);
    }

    @GET
    @Path("refunds/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JsonNode>> refund(@PathParam("id") String id, @HeaderParam("Authorization") String authorization) {
        JsonNode refund = REFUNDS.get(id);
        if (!"Bearer gc_test_token".equals(authorization)) {
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
        }
        return Uni.createFrom().item(refund == null ? RestResponse.status(RestResponse.Status.NOT_FOUND)
                : RestResponse.ok(JSON.createObjectNode().set("refunds", refund)));
    }

    @GET
    @Path("payments/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<RestResponse<JsonNode>> payment(@PathParam("id") String id, @HeaderParam("Authorization") String authorization,
                                               @HeaderParam("GoCardless-Version") String version) {
        READS.incrementAndGet();
        if (!"Bearer gc_test_token".equals(authorization) || version == null) {
            return Uni.createFrom().item(RestResponse.status(RestResponse.Status.UNAUTHORIZED));
        }
        JsonNode payment = PAYMENTS.get(id);
        return Uni.createFrom().item(payment == null ? RestResponse.status(RestResponse.Status.NOT_FOUND)
                : RestResponse.ok(JSON.createObjectNode().set("payments", payment)));
    }
}
