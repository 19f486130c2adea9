package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.platform.LogEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Twenty's outbound webhooks: registrations with target URL, operations and secret (listed with it, as Twenty
 * 2.21 does); one POST
 * per record event, 5 s timeout, no retry; signed with {@code X-Twenty-Webhook-Signature} = hex HMAC-SHA256 of
 * {@code "<timestamp>:" + body} when the webhook has a secret.
 */
final class EmulatorWebhooks {

    /** A change to one record, as Twenty's event emitter sees it. */
    record RecordEvent(String objectId, String objectName, String action, JsonNode record, List<String> updatedFields) {
    }

    private record Registration(String id, String targetUrl, List<String> operations, String secret, String description,
                                String createdAt) {
    }

    private final ObjectMapper json;
    private final List<Registration> registrations = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final SecureRandom random = new SecureRandom();

    EmulatorWebhooks(ObjectMapper json) {
        this.json = json;
    }

    ObjectNode register(JsonNode input) {
        String target = input.path("targetUrl").asText("");
        if (!target.startsWith("http://") && !target.startsWith("https://")) {
            throw EmulatorError.badRequest("targetUrl must be an http(s) URL");
        }
        List<String> operations = input.path("operations").isArray()
                ? json.convertValue(input.get("operations"), json.getTypeFactory().constructCollectionType(List.class, String.class))
                : List.of("*.*");
        Registration registration = new Registration(UUID.randomUUID().toString(), target, operations,
                input.path("secret").asText(null), input.path("description").asText(null), Instant.now().toString());
        registrations.add(registration);
        return toJson(registration);
    }

    ArrayNode list() {
        ArrayNode out = json.createArrayNode();
        registrations.forEach(r -> out.add(toJson(r)));
        return out;
    }

    void remove(String id) {
        if (!registrations.removeIf(r -> r.id().equals(id))) {
            throw EmulatorError.notFound();
        }
    }

    void clear() {
        registrations.clear();
    }

    void deliver(List<RecordEvent> events) {
        for (RecordEvent event : events) {
            String eventName = event.objectName() + "." + event.action();
            for (Registration registration : registrations) {
                if (matches(registration.operations(), event.objectName(), event.action())) {
                    send(registration, eventName, event);
                }
            }
        }
    }

    private void send(Registration registration, String eventName, RecordEvent event) {
        ObjectNode payload = json.createObjectNode()
                .put("targetUrl", registration.targetUrl())
                .put("eventName", eventName);
        payload.putObject("objectMetadata").put("id", event.objectId()).put("nameSingular", event.objectName());
        payload.put("workspaceId", EmulatorSchema.WORKSPACE_ID).put("webhookId", registration.id()).put("eventDate", Instant.now().toString());
        payload.set("record", event.record());
        if (event.updatedFields() != null) {
            ArrayNode fields = payload.putArray("updatedFields");
            event.updatedFields().forEach(fields::add);
        }
        String body = payload.toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registration.targetUrl()))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (registration.secret() != null && !registration.secret().isEmpty()) {
            String timestamp = String.valueOf(System.currentTimeMillis());
            byte[] nonce = new byte[16];
            random.nextBytes(nonce);
            request.header("X-Twenty-Webhook-Timestamp", timestamp)
                    .header("X-Twenty-Webhook-Signature", sign(registration.secret(), timestamp + ":" + body))
                    .header("X-Twenty-Webhook-Nonce", HexFormat.of().formatHex(nonce));
        }
        http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() >= 300) {
                // Twenty does not retry a failed delivery; it only records it.
                LogEvent.of(EmulatorWebhooks.class, "twenty_emulator_webhook_failed").with("eventName", eventName)
                        .with("status", response == null ? null : response.statusCode())
                        .with("reason", failure == null ? null : String.valueOf(failure.getMessage()))
                        .warn("webhook delivery failed");
            }
        });
    }

    static String sign(String secret, String content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean matches(List<String> operations, String object, String action) {
        for (String operation : operations) {
            String[] parts = operation.split("\\.", 2);
            if (parts.length == 2 && ("*".equals(parts[0]) || parts[0].equals(object))
                    && ("*".equals(parts[1]) || parts[1].equals(action))) {
                return true;
            }
        }
        return false;
    }

    /** A webhook as Twenty 2.21 lists it: its secret included. */
    private ObjectNode toJson(Registration registration) {
        ObjectNode node = json.createObjectNode().put("id", registration.id()).put("targetUrl", registration.targetUrl());
        ArrayNode operations = node.putArray("operations");
        registration.operations().forEach(operations::add);
        node.put("description", registration.description()).put("secret", registration.secret())
                .put("workspaceId", EmulatorSchema.WORKSPACE_ID).put("applicationId", EmulatorSchema.APPLICATION_ID)
                .put("createdAt", registration.createdAt()).put("updatedAt", registration.createdAt()).putNull("deletedAt");
        return node;
    }
}
