package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.Renewal;
import org.jboss.resteasy.reactive.RestResponse;

import java.math.BigDecimal;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key}: the first answer to a key is kept in the operational store for 24 hours and
 * replayed to every repeat with the same body; the same key with another body is a 422. A key being worked on
 * answers 409 to a concurrent repeat. Failures are not kept, so a retry after one runs again; that is safe
 * because the work derives its record ids from the key, so a second run finds the first run's records.
 */
@ApplicationScoped
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    static final Duration KEEP = Duration.ofHours(24);
    /**
     * The claim on a key being worked on is a short lease, renewed every {@link #RENEW_EVERY} while the request
     * runs: a request of any length keeps its key, and one whose instance died frees it within this time.
     */
    static final Duration IN_FLIGHT = Duration.ofSeconds(10);
    static final Duration RENEW_EVERY = Duration.ofSeconds(3);
    private static final Pattern VALID_KEY = Pattern.compile("^[\\x21-\\x7e]{1,255}$");

    /** The answer to send, and whether it is a replay of an earlier one. */
    public record Answer(int status, JsonNode body, boolean replayed) {

        /** The HTTP answer, marked {@code Idempotent-Replayed: true} when it repeats an earlier one. */
        public RestResponse<JsonNode> toResponse() {
            RestResponse.ResponseBuilder<JsonNode> response = RestResponse.ResponseBuilder.<JsonNode>create(status)
                    .entity(body).type(MediaType.APPLICATION_JSON_TYPE);
            if (replayed) {
                response.header("Idempotent-Replayed", "true");
            }
            return response.build();
        }
    }

    private final OperationalStore store;
    private final ObjectMapper json;

    Idempotency(OperationalStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    /** The key as sent, checked; null when the request has none. */
    public static String checkedKey(String key) {
        if (key == null) {
            return null;
        }
        String trimmed = key.trim();
        if (!VALID_KEY.matcher(trimmed).matches()) {
            throw ApiException.badRequest(HEADER + " must be 1 to 255 printable ASCII characters without spaces",
                    List.of(new FieldError(HEADER, "must be 1 to 255 printable characters")));
        }
        return trimmed;
    }

    /** Runs {@code work} once per {@code scope} and key; {@code status} is the status of its successful answer. */
    public Uni<Answer> once(String scope, String key, JsonNode request, int status, Supplier<Uni<JsonNode>> work) {
        if (key == null) {
            return work.get().map(body -> new Answer(status, body, false));
        }
        String storeKey = "idempotency:" + scope + ":" + key;
        String fingerprint = fingerprint(request);
        String inFlight = json.createObjectNode().put("state", "in_flight").put("fingerprint", fingerprint)
                .put("claim", UUID.randomUUID().toString()).toString();
        return store.putIfAbsent(storeKey, inFlight, IN_FLIGHT)
                .onFailure().transform(Idempotency::storeDown)
                .chain(claimed -> claimed ? run(storeKey, inFlight, fingerprint, status, work)
                        : store.get(storeKey).onFailure().transform(Idempotency::storeDown)
                        .map(existing -> earlier(existing.orElse(null), fingerprint))
                        .chain(answer -> answer != null ? Uni.createFrom().item(answer)
                                // The earlier record expired between our two reads: claim it now.
                                : once(scope, key, request, status, work)));
    }

    private Uni<Answer> run(String storeKey, String inFlight, String fingerprint, int status, Supplier<Uni<JsonNode>> work) {
        Renewal.Held claim = Renewal.every(RENEW_EVERY, IN_FLIGHT, () -> store.compareAndSet(storeKey, inFlight, inFlight, IN_FLIGHT));
        // A claim lost (the store stopped answering for longer than it lasts) stops the work before its next step: a
        // repeat of the request may run by then, and the two must not both go on writing.
        return claim.whileHeld(Uni.createFrom().<JsonNode>deferred(work::get), () -> new ApiException(503, "This request "
                        + "lost its hold on its " + HEADER + " while it ran; send it again with the same key", List.of(),
                        Duration.ofSeconds(2)))
                .onTermination().invoke(claim::release)
                // Only our own claim is let go: a claim someone else took meanwhile is theirs.
                .onFailure().call(failure -> store.compareAndSet(storeKey, inFlight, null, null).onFailure().recoverWithNull())
                .call(body -> {
                    ObjectNode done = json.createObjectNode().put("state", "done").put("fingerprint", fingerprint).put("status", status);
                    done.set("body", body);
                    return store.put(storeKey, done.toString(), KEEP).onFailure().invoke(failure ->
                            LogEvent.of(Idempotency.class, "idempotency_record_not_stored").with("reason", failure.getMessage())
                                    .warn("answer sent but not kept for replay; a repeat will run again and find the same records"))
                            .onFailure().recoverWithNull();
                })
                .map(body -> new Answer(status, body, false));
    }

    private Answer earlier(String stored, String fingerprint) {
        if (stored == null) {
            return null;
        }
        JsonNode record;
        try {
            record = json.readTree(stored);
        } catch (Exception unreadable) {
            throw new IllegalStateException("unreadable idempotency record", unreadable);
        }
        if (!fingerprint.equals(record.path("fingerprint").asText())) {
            throw new ApiException(422, HEADER + " was already used with a different request body", List.of(
                    new FieldError(HEADER, "already used with a different request body")), null);
        }
        if (!"done".equals(record.path("state").asText())) {
            throw new ApiException(409, "A request with this " + HEADER + " is still being processed; retry shortly",
                    List.of(), Duration.ofSeconds(1));
        }
        return new Answer(record.path("status").asInt(200), record.get("body"), true);
    }

    /** SHA-256 of the body with object keys sorted, so key order and spacing do not make two bodies differ. */
    String fingerprint(JsonNode request) {
        try {
            byte[] canonical = json.writeValueAsBytes(canonical(request));
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (Exception e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }

    private static Object canonical(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            node.fields().forEachRemaining(field -> sorted.put(field.getKey(), canonical(field.getValue())));
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node.isNumber() ? number(node) + "n" : node.isBoolean() ? node.asBoolean() : node.asText();
    }

    /** One text per value (12.5 and 12.50 alike), written out in full only when short: 1e99999999 stays short. */
    private static String number(JsonNode node) {
        if ((node.isDouble() || node.isFloat()) && !Double.isFinite(node.doubleValue())) {
            return node.asText();
        }
        BigDecimal value = node.decimalValue().stripTrailingZeros();
        return Math.abs(value.scale()) <= 100 ? value.toPlainString() : value.toString();
    }

    private static ApiException storeDown(Throwable failure) {
        return new ApiException(503, "The operational store is unavailable, so " + HEADER + " cannot be honoured; retry later",
                List.of(), Duration.ofSeconds(5));
    }

}
