package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Twenty's outbound webhooks, registered idempotently: a webhook whose target is already registered is left as it
 * is (Twenty never shows a webhook's secret, so it cannot be compared; rotate it by deleting the webhook in
 * Twenty's settings). Newer releases serve them under {@code /rest/metadata/webhooks}, older ones under
 * {@code /rest/webhooks}: the newer route is tried first.
 */
@ApplicationScoped
public class TwentyWebhooks {

    /** The gift changes that move donor totals. */
    public static final List<String> GIFT_OPERATIONS = List.of("gift.created", "gift.updated", "gift.deleted",
            "gift.restored", "gift.destroyed");

    /** Where this service takes Twenty's deliveries, below its public address. */
    public static final String RECEIVER_PATH = "/api/fundraising/webhooks/twenty";

    private static final List<String> ROUTES = List.of("metadata/webhooks", "webhooks");

    /** A webhook as registered; {@code created} is false when it was there already. */
    public record Registration(String id, String targetUrl, boolean created) {
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
                    for (JsonNode webhook : webhooks(answer)) {
                        if (targetUrl.equals(webhook.path("targetUrl").asText())) {
                            return Uni.createFrom().item(new Registration(webhook.path("id").asText(), targetUrl, false));
                        }
                    }
                    ObjectNode input = json.createObjectNode().put("targetUrl", targetUrl).put("secret", secret)
                            .put("description", "Fundraising service: gift changes keep donor totals true");
                    operations.forEach(input.putArray("operations")::add);
                    return exchange.send(caller, new TwentyRequest("POST", path, Map.of(), input, TwentyRequest.Replay.SAFE, null))
                            .map(created -> new Registration(first(created).path("id").asText(), targetUrl, true));
                })
                .onFailure(failure -> route + 1 < ROUTES.size() && failure instanceof TwentyException t && t.isNotFound())
                .recoverWithUni(() -> ensure(caller, targetUrl, secret, operations, route + 1));
    }

    /** The list under {@code data}, whether bare or under a key. */
    private static List<JsonNode> webhooks(JsonNode answer) {
        JsonNode data = answer.path("data");
        JsonNode list = data.isArray() ? data : null;
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

    private static JsonNode first(JsonNode answer) {
        JsonNode data = answer.path("data");
        return data.has("id") ? data : data.elements().hasNext() ? data.elements().next() : data;
    }
}
