package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.LogEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Twenty's outbound webhooks, registered idempotently: one webhook per target. Twenty 2.21 lists webhooks as a bare
 * array with their secrets, and answers a create with the bare webhook (older releases wrapped both in
 * {@code data}; either is read). A webhook already there with our secret (or one Twenty does not show) is kept; the
 * others at the same target are removed — a copy sends every change twice, and one signed with another secret
 * sends changes this service refuses. Newer releases serve webhooks under {@code /rest/metadata/webhooks}, older
 * ones under {@code /rest/webhooks}: the newer route is tried first.
 */
@ApplicationScoped
public class TwentyWebhooks {

    /** The gift changes that move donor totals. */
    public static final List<String> GIFT_OPERATIONS = List.of("gift.created", "gift.updated", "gift.deleted",
            "gift.restored", "gift.destroyed");

    /** Where this service takes Twenty's deliveries, below its public address. */
    public static final String RECEIVER_PATH = "/api/fundraising/webhooks/twenty";

    private static final List<String> ROUTES = List.of("metadata/webhooks", "webhooks");

    /** The webhook in place: {@code created} when this call made it, {@code removed} the others at its target. */
    public record Registration(String id, String targetUrl, boolean created, int removed) {
    }

    private final TwentyExchange exchange;
    private final ObjectMapper json;

    TwentyWebhooks(TwentyExchange exchange, ObjectMapper json) {
        this.exchange = exchange;
        this.json = json;
    }

    /** The webhook that sends {@code operations} to {@code targetUrl}, signed with {@code secret}: found, or made. */
    public Uni<Registration> ensure(TwentyCaller caller, String targetUrl, String secret, List<String> operations) {
        return ensure(caller, targetUrl, secret, operations, 0);
    }

    private Uni<Registration> ensure(TwentyCaller caller, String targetUrl, String secret, List<String> operations, int route) {
        String path = ROUTES.get(route);
        return exchange.send(caller, TwentyRequest.read(path, Map.of()))
                .chain(answer -> {
                    List<JsonNode> atTarget = webhooks(answer).stream()
                            .filter(webhook -> targetUrl.equals(webhook.path("targetUrl").asText())).toList();
                    Optional<JsonNode> kept = atTarget.stream().filter(webhook -> signsWith(webhook, secret)).findFirst();
                    List<String> others = atTarget.stream().filter(webhook -> kept.isEmpty() || webhook != kept.get())
                            .map(webhook -> webhook.path("id").asText()).toList();
                    Uni<Registration> inPlace = kept.isPresent()
                            ? Uni.createFrom().item(new Registration(kept.get().path("id").asText(), targetUrl, false, 0))
                            : create(caller, path, targetUrl, secret, operations);
                    return inPlace.chain(registration -> remove(caller, path, others).map(removed ->
                            new Registration(registration.id(), targetUrl, registration.created(), removed)));
                })
                .onFailure(failure -> route + 1 < ROUTES.size() && failure instanceof TwentyException t && t.isNotFound())
                .recoverWithUni(() -> ensure(caller, targetUrl, secret, operations, route + 1));
    }

    private Uni<Registration> create(TwentyCaller caller, String path, String targetUrl, String secret,
                                     List<String> operations) {
        ObjectNode input = json.createObjectNode().put("targetUrl", targetUrl).put("secret", secret)
                .put("description", "Fundraising service: gift changes keep donor totals true");
        operations.forEach(input.putArray("operations")::add);
        return exchange.send(caller, new TwentyRequest("POST", path, Map.of(), input, TwentyRequest.Replay.SAFE, null))
                .map(created -> new Registration(webhookOf(created).path("id").asText(), targetUrl, true, 0));
    }

    /** Removes the given webhooks, one call each; one that cannot be removed is logged and left. */
    private Uni<Integer> remove(TwentyCaller caller, String path, List<String> ids) {
        return Multi.createFrom().iterable(ids)
                .onItem().transformToUniAndConcatenate(id -> exchange.send(caller,
                                new TwentyRequest("DELETE", path + "/" + id, Map.of(), null, TwentyRequest.Replay.SAFE, null))
                        .map(ignored -> 1)
                        .onFailure().recoverWithItem(failure -> {
                            LogEvent.of(TwentyWebhooks.class, "twenty_webhook_duplicate_not_removed").with("webhookId", id)
                                    .with("reason", failure.getMessage())
                                    .warn("a second webhook at this service's address could not be removed");
                            return 0;
                        }))
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** Whether Twenty signs this webhook's deliveries with {@code secret}, as far as it shows. */
    private static boolean signsWith(JsonNode webhook, String secret) {
        JsonNode shown = webhook.get("secret");
        return shown == null || shown.isNull() || secret.equals(shown.asText());
    }

    /** The webhooks of a list answer: a bare array (Twenty 2.21), or an array under {@code data}. */
    static List<JsonNode> webhooks(JsonNode answer) {
        JsonNode list = answer.isArray() ? answer : null;
        JsonNode data = answer.path("data");
        if (list == null && data.isArray()) {
            list = data;
        }
        if (list == null) {
            for (JsonNode value : data) {
                if (value.isArray()) {
                    list = value;
                }
            }
        }
        List<JsonNode> out = new ArrayList<>();
        if (list != null) {
            list.forEach(out::add);
        }
        return out;
    }

    /** The webhook of a create answer: the bare object (Twenty 2.21), or the object under {@code data}. */
    static JsonNode webhookOf(JsonNode answer) {
        if (answer.has("id")) {
            return answer;
        }
        JsonNode data = answer.path("data");
        return data.has("id") ? data : data.elements().hasNext() ? data.elements().next() : data;
    }
}
