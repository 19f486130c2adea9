package org.fundraising.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.LogBudget;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.OpenRoute;
import org.fundraising.platform.RequestIds;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.TwentyConfig;
import org.fundraising.rollup.GiftChanges;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where Stripe, GoCardless and Twenty deliver events. A delivery is checked against the sender's signature on its raw
 * bytes, stored durably, and only then answered 2xx, at once: payments go to the inbox and their gifts are written
 * afterwards by the inbox worker, so a slow or unavailable Twenty never makes a provider retry or disable the
 * endpoint; Twenty's gift changes queue the totals they touch for recompute.
 */
@Path("/api/fundraising/webhooks")
@Tag(name = "webhooks")
@OpenRoute("providers prove who they are by signing the body, not with a Twenty token")
public class WebhookReceiverResource {

    /**
     * The largest delivery taken (1 MiB): a Stripe event is at most a few hundred KB, a GoCardless delivery of many
     * events about as much. The routes are open to anyone, so a larger body is refused before its signature is
     * computed: nobody can make the service hash megabytes on demand.
     */
    static final int MAX_DELIVERY_BYTES = 1024 * 1024;

    /** GoCardless asks for 498 when a signature does not match, so its dashboard shows the delivery as refused for that reason. */
    static final int GOCARDLESS_INVALID_TOKEN = 498;

    /** Twenty signs with the sending time in milliseconds; a delivery older or newer than this is a replay. */
    static final Duration TWENTY_TOLERANCE = Duration.ofMinutes(5);
    private static final String TWENTY_DELIVERY_SEEN = "twenty-delivery:";
    private static final LogBudget REFUSALS_LOGGED = new LogBudget(20, Duration.ofMinutes(1));

    private final WebhookInbox inbox;
    private final StripeSettings stripe;
    private final GoCardlessSettings goCardless;
    private final TwentyConfig twenty;
    private final GiftChanges giftChanges;
    private final OperationalStore store;
    private final ObjectMapper json;

    WebhookReceiverResource(WebhookInbox inbox, StripeSettings stripe, GoCardlessSettings goCardless, TwentyConfig twenty,
                            GiftChanges giftChanges, OperationalStore store, ObjectMapper json) {
        this.inbox = inbox;
        this.stripe = stripe;
        this.goCardless = goCardless;
        this.twenty = twenty;
        this.giftChanges = giftChanges;
        this.store = store;
        this.json = json;
    }

    @POST
    @Path("stripe")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "A Stripe event, signed with STRIPE_WEBHOOK_SECRET (Stripe-Signature t=…,v1=…, 300 s tolerance); "
            + "stored, then answered 204 at once; a repeated event id is answered 204 and dropped")
    @APIResponse(responseCode = "204", description = "Stored (or seen before)")
    @APIResponse(responseCode = "400", description = "Missing or invalid signature, a stale timestamp, or not a Stripe event")
    @APIResponse(responseCode = "413", description = "More than 1 MiB")
    @APIResponse(responseCode = "503", description = "STRIPE_WEBHOOK_SECRET is not set")
    public Uni<RestResponse<Void>> stripe(byte[] delivered, @HeaderParam("Stripe-Signature") String signature, RoutingContext request) {
        byte[] body = verified(delivered, stripe.webhookSecret(), "Stripe", 400, request, (bytes, secret) ->
                Signatures.verifyStripe(signature, bytes, secret, Duration.ofSeconds(stripe.webhookToleranceSeconds()), Instant.now()));
        JsonNode event = parsed(body, "Stripe");
        String id = event.path("id").asText("");
        String type = event.path("type").asText("");
        if (id.isEmpty() || type.isEmpty()) {
            throw ApiException.badRequest("A Stripe event has an id and a type", List.of());
        }
        String text = new String(body, StandardCharsets.UTF_8);
        return accept(List.of(new InboxEvent(Provider.STRIPE, id, type, Instant.now(), text, signature)), request);
    }

    @POST
    @Path("gocardless")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "GoCardless events ({events:[…]}), signed with GOCARDLESS_WEBHOOK_SECRET (Webhook-Signature); "
            + "each event stored, then answered 204 at once; event ids seen before are dropped")
    @APIResponse(responseCode = "204", description = "Stored (or seen before)")
    @APIResponse(responseCode = "400", description = "Not a GoCardless delivery")
    @APIResponse(responseCode = "413", description = "More than 1 MiB")
    @APIResponse(responseCode = "498", description = "Missing or invalid signature (GoCardless' own code for it)")
    @APIResponse(responseCode = "503", description = "GOCARDLESS_WEBHOOK_SECRET is not set")
    public Uni<RestResponse<Void>> goCardless(byte[] delivered, @HeaderParam("Webhook-Signature") String signature,
                                              RoutingContext request) {
        byte[] body = verified(delivered, goCardless.webhookSecret(), "GoCardless", GOCARDLESS_INVALID_TOKEN, request,
                (bytes, secret) -> Signatures.verifyGoCardless(signature, bytes, secret));
        JsonNode delivery = parsed(body, "GoCardless");
        if (!delivery.path("events").isArray()) {
            throw ApiException.badRequest("A GoCardless delivery has an events array", List.of());
        }
        Instant now = Instant.now();
        List<InboxEvent> events = new ArrayList<>();
        for (JsonNode event : delivery.path("events")) {
            String id = event.path("id").asText("");
            if (id.isEmpty()) {
                throw ApiException.badRequest("Every GoCardless event has an id", List.of());
            }
            String type = event.path("resource_type").asText("") + "." + event.path("action").asText("");
            events.add(new InboxEvent(Provider.GOCARDLESS, id, type, now, event.toString(), signature));
        }
        return accept(events, request);
    }

    @POST
    @Path("twenty")
    @Consumes(MediaType.WILDCARD)
    @Operation(summary = "Twenty's record webhook for gifts (created, updated, deleted, restored, destroyed), signed with "
            + "TWENTY_WEBHOOK_SECRET (X-Twenty-Webhook-Signature over \"<X-Twenty-Webhook-Timestamp>:<body>\", 300 s "
            + "tolerance): the donors, households, companies, appeals and opportunities the change touches are queued "
            + "for recompute, then 204; a change that leaves the totals' facts alone (the echo of this service's own write) queues nothing")
    @APIResponse(responseCode = "204", description = "Taken")
    @APIResponse(responseCode = "400", description = "Not a Twenty record event")
    @APIResponse(responseCode = "401", description = "Missing or invalid signature, or a stale timestamp")
    @APIResponse(responseCode = "413", description = "More than 1 MiB")
    @APIResponse(responseCode = "503", description = "TWENTY_WEBHOOK_SECRET is not set")
    public Uni<RestResponse<Void>> twenty(byte[] delivered, @HeaderParam("X-Twenty-Webhook-Signature") String signature,
                                          @HeaderParam("X-Twenty-Webhook-Timestamp") String timestamp, RoutingContext request) {
        byte[] body = verified(delivered, twenty.webhookSecret(), "Twenty", 401, request,
                (bytes, secret) -> Signatures.verifyTwenty(signature, timestamp, bytes, secret, TWENTY_TOLERANCE, Instant.now()));
        JsonNode delivery = parsed(body, "Twenty");
        String eventName = delivery.path("eventName").asText("");
        if (eventName.isEmpty()) {
            throw ApiException.badRequest("A Twenty record event has an eventName", List.of());
        }
        // A delivery is known by its signature (over its timestamp and body): one replayed within the tolerance, by
        // Twenty or by anyone who saw it, is dropped. The mark outlives the tolerance, after which the timestamp refuses it.
        String seen = TWENTY_DELIVERY_SEEN + signature.trim().toLowerCase(Locale.ROOT);
        return store.putIfAbsent(seen, eventName, TWENTY_TOLERANCE.multipliedBy(2)).chain(fresh -> {
            if (!fresh) {
                LogEvent.of(WebhookReceiverResource.class, "twenty_webhook_duplicate").with("requestId", RequestIds.of(request))
                        .with("eventName", eventName).info("record event seen before; dropped");
                return Uni.createFrom().item(RestResponse.<Void>noContent());
            }
            return giftChanges.fromTwenty(delivery)
                    .invoke(queued -> LogEvent.of(WebhookReceiverResource.class, "twenty_webhook_accepted")
                            .with("requestId", RequestIds.of(request)).with("eventName", eventName).with("parentsQueued", queued)
                            .info("record event taken"))
                    .map(ignored -> RestResponse.<Void>noContent())
                    // Not taken after all: the same delivery sent again may be.
                    .onFailure().call(failure -> store.delete(seen));
        });
    }

    private Uni<RestResponse<Void>> accept(List<InboxEvent> events, RoutingContext request) {
        String requestId = RequestIds.of(request);
        return Multi.createFrom().iterable(events)
                .onItem().transformToUniAndConcatenate(event -> inbox.accept(event).invoke(fresh ->
                        LogEvent.of(WebhookReceiverResource.class, fresh ? "webhook_event_accepted" : "webhook_event_duplicate")
                                .with("requestId", requestId).with("provider", event.provider().wire())
                                .with("eventId", event.eventId()).with("type", event.type())
                                .info(fresh ? "event stored" : "event seen before; dropped")))
                .collect().last()
                .map(ignored -> RestResponse.noContent());
    }

    private JsonNode parsed(byte[] body, String provider) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ApiException.badRequest("A " + provider + " delivery is a JSON object", List.of());
            }
            return node;
        } catch (IOException e) {
            throw ApiException.badRequest("A " + provider + " delivery is a JSON object", List.of());
        }
    }

    /** A sender's signature check over the raw body with the endpoint's secret. */
    @FunctionalInterface
    private interface Verification {
        void check(byte[] body, String secret) throws Signatures.Refused;
    }

    /**
     * The body of a delivery from {@code sender} once its size and signature hold: 503 without the secret, 413 over
     * the limit (before any hashing), {@code refusedWith} when the signature does not match. Events are logged as
     * {@code <sender>_webhook_missing_secret} and {@code <sender>_webhook_invalid_signature}.
     */
    private static byte[] verified(byte[] delivered, Optional<String> secret, String sender, int refusedWith,
                                   RoutingContext request, Verification verification) {
        String events = sender.toLowerCase(Locale.ROOT) + "_webhook_";
        String key = secretOr503(secret.orElse(null), sender, events + "missing_secret");
        byte[] body = checked(delivered);
        try {
            verification.check(body, key);
        } catch (Signatures.Refused refused) {
            throw refusal(refusedWith, refused, events + "invalid_signature", request);
        }
        return body;
    }

    /** The body as it came (none is an empty body, which no signature matches); over the limit a 413. */
    private static byte[] checked(byte[] body) {
        if (body != null && body.length > MAX_DELIVERY_BYTES) {
            throw new ApiException(413, "A webhook delivery is at most " + MAX_DELIVERY_BYTES + " bytes");
        }
        return body == null ? new byte[0] : body;
    }

    private static String secretOr503(String secret, String provider, String event) {
        if (secret == null || secret.isBlank()) {
            LogEvent.of(WebhookReceiverResource.class, event).error(provider + " webhook secret is not set");
            throw new ApiException(503, provider + " webhook not configured");
        }
        return secret;
    }

    /** Refused deliveries are logged 20 a minute at most: anyone can send them, and a flood must not flood the log. */
    private static ApiException refusal(int status, Signatures.Refused refused, String event, RoutingContext request) {
        long leftOut = REFUSALS_LOGGED.take();
        if (leftOut >= 0) {
            LogEvent.of(WebhookReceiverResource.class, event).with("requestId", RequestIds.of(request))
                    .with("reason", refused.getMessage()).with("refusedUnlogged", leftOut == 0 ? null : leftOut)
                    .warn(leftOut == 0 ? "delivery refused" : "delivery refused (and " + leftOut + " more not logged)");
        }
        return new ApiException(status, refused.getMessage());
    }
}
