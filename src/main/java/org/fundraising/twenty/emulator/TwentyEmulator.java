package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import io.vertx.core.http.HttpServerRequest;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LocalCallers;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.TwentyConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Stands in for Twenty when no Twenty URL is configured, answering as a real Twenty 2.21 does (the recorded
 * exchanges are its reference): bearer check (401), routes and envelopes, query parameters, the throttle with its
 * 429s, and injected faults for tests.
 */
@ApplicationScoped
public class TwentyEmulator {

    private static final Pattern UUID_SEGMENT = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F-]{27}$");

    /** How the emulator answers one call; {@code hang} means it never answers (a timeout for the client). */
    record Reply(int status, JsonNode body, Map<String, String> headers, boolean hang, boolean reset) {
        static Reply of(int status, JsonNode body) {
            return new Reply(status, body, Map.of(), false, false);
        }
    }

    private final ObjectMapper json;
    private final boolean enabled;
    private final String apiKey;
    private final boolean provision;
    private final boolean remoteAccess;
    private final List<String> hosts;
    private final int queryMaxRecords;
    private final EmulatorWorkspace workspace;
    private final EmulatorStats stats = new EmulatorStats();
    private final EmulatorWebhooks webhooks;
    private final List<EmulatorFault> faults = new CopyOnWriteArrayList<>();
    private volatile EmulatorThrottle throttle;

    TwentyEmulator(ObjectMapper json, FundraisingConfig config, TwentyConfig twenty) {
        this.json = json;
        this.enabled = config.emulatorOnly() || twenty.embedded();
        this.apiKey = twenty.apiKey().filter(k -> !k.isBlank()).orElse(TwentyConfig.EMULATOR_DEFAULT_KEY);
        this.provision = config.emulator().provision();
        this.remoteAccess = config.emulator().remoteAccess();
        this.hosts = config.emulator().hosts().orElse(List.of());
        this.queryMaxRecords = config.emulator().queryMaxRecords();
        this.workspace = new EmulatorWorkspace(json, provision, queryMaxRecords);
        this.webhooks = new EmulatorWebhooks(json);
        this.throttle = new EmulatorThrottle(config.emulator().ratePerMinute(), config.emulator().retryAfter());
    }

    /** Says at start-up who can reach the embedded mode, and warns when that is more than this machine. */
    void announce(@Observes StartupEvent startup) {
        if (!enabled) {
            return;
        }
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        if (!remoteAccess) {
            LogEvent.of(TwentyEmulator.class, "twenty_emulator_local_only").with("host", host)
                    .info("embedded Twenty emulator: the API, the emulator and /welcome answer only callers on this machine");
            return;
        }
        LogEvent warning = LogEvent.of(TwentyEmulator.class, "twenty_emulator_remote_access").with("host", host);
        if (TwentyConfig.EMULATOR_DEFAULT_KEY.equals(apiKey)) {
            warning.warn("embedded Twenty emulator open to other machines with the public default key: anyone who "
                    + "reaches the port can read, change and wipe its data; set TWENTY_API_KEY to a secret");
        } else {
            warning.warn("embedded Twenty emulator open to other machines: anyone who reaches the port and knows "
                    + "TWENTY_API_KEY can read, change and wipe its data, and /welcome hands that key out");
        }
    }

    public boolean enabled() {
        return enabled;
    }

    String apiKey() {
        return apiKey;
    }

    boolean acceptsKey(String authorization) {
        return authorization != null && MessageDigest.isEqual(
                authorization.getBytes(StandardCharsets.UTF_8),
                ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8));
    }

    boolean servesRemoteCallers() {
        return remoteAccess;
    }

    /** A caller on this machine, by address and by the host name it asked for. */
    boolean isLocal(HttpServerRequest request) {
        return LocalCallers.isLocal(request, hosts);
    }

    Uni<Reply> handle(String method, String path, Map<String, String> query, String body, String authorization) {
        List<String> segments = List.of(path.replaceAll("^/+|/+$", "").split("/"));
        String restPath = "/rest/" + String.join("/", segments);
        stats.record(method + " " + routeOf(segments));
        stats.remember(method, restPath, query);
        if (!acceptsKey(authorization)) {
            return Uni.createFrom().item(error(EmulatorError.unauthenticated()));
        }
        EmulatorFault fault = faults.stream().filter(f -> f.matches(method, restPath, body)).findFirst().orElse(null);
        if (fault != null) {
            LogEvent.of(TwentyEmulator.class, "twenty_emulator_fault").with("mode", fault.mode())
                    .with("method", method).with("path", restPath).info("injected fault");
            switch (fault.mode()) {
                case "error":
                    int status = fault.status == null ? 503 : fault.status;
                    return Uni.createFrom().item(error(new EmulatorError(status, status >= 500 ? "InternalServerError"
                            : "HttpException", "Injected fault")));
                case "rate_limit":
                    stats.throttled();
                    return Uni.createFrom().item(tooMany(fault.retryAfterSeconds, throttle.message()));
                case "reset":
                    return Uni.createFrom().item(new Reply(0, null, Map.of(), false, true));
                case "timeout":
                    return Uni.createFrom().item(new Reply(0, null, Map.of(), true, false));
                case "store_then_timeout":
                    serve(method, segments, query, body);
                    return Uni.createFrom().item(new Reply(0, null, Map.of(), true, false));
                case "short_answer":
                    return Uni.createFrom().item(shortened(serve(method, segments, query, body)));
                default:
                    return Uni.createFrom().voidItem().onItem().delayIt()
                            .by(Duration.ofMillis(fault.delayMs == null ? 1000 : fault.delayMs))
                            .map(ignored -> throttledOrServed(method, segments, query, body));
            }
        }
        return Uni.createFrom().item(() -> throttledOrServed(method, segments, query, body));
    }

    /** The answer with the last record of its list left out, as a batch answer that does not match the request. */
    private static Reply shortened(Reply reply) {
        if (reply.body() != null) {
            reply.body().path("data").forEach(value -> {
                if (value.isArray() && !value.isEmpty()) {
                    ((ArrayNode) value).remove(value.size() - 1);
                }
            });
        }
        return reply;
    }

    private Reply throttledOrServed(String method, List<String> segments, Map<String, String> query, String body) {
        EmulatorThrottle.Verdict verdict = throttle.take();
        if (!verdict.allowed()) {
            stats.throttled();
            return tooMany(throttle.retryAfter ? verdict.retryAfterSeconds() : null, throttle.message());
        }
        return serve(method, segments, query, body);
    }

    private Reply serve(String method, List<String> segments, Map<String, String> query, String body) {
        try {
            return new EmulatorRoutes(workspace, webhooks, json).serve(method, segments, query, parse(body));
        } catch (EmulatorError e) {
            return error(e);
        } finally {
            webhooks.deliver(workspace.drainEvents());
        }
    }

    Reply health() {
        stats.record("GET /healthz");
        ObjectNode body = json.createObjectNode().put("status", "ok");
        body.putObject("info");
        body.putObject("error");
        body.putObject("details");
        return Reply.of(200, body);
    }

    List<Map<String, Object>> recentRequests() {
        return stats.recentRequests();
    }

    Map<String, Object> stats() {
        return stats.snapshot(workspace.counts());
    }

    void addFault(EmulatorFault fault) {
        fault.validate();
        faults.add(fault);
    }

    void clearStats() {
        stats.clear();
    }

    void clearFaults() {
        faults.clear();
    }

    void setThrottle(int ratePerMinute, boolean retryAfter) {
        throttle = new EmulatorThrottle(ratePerMinute, retryAfter);
    }

    /** The most records one call reads or writes, until the next reset. */
    void setQueryMaxRecords(int value) {
        workspace.maxRecords(value);
    }

    /** Empties the workspace, the statistics and the faults; the throttle starts full again; the configured
     * maximum of records per call is back. */
    void reset() {
        workspace.reset(provision);
        workspace.maxRecords(queryMaxRecords);
        webhooks.clear();
        stats.clear();
        faults.clear();
        throttle = new EmulatorThrottle(throttle.ratePerMinute, throttle.retryAfter);
    }

    /** Twenty names its JSON's charset; a reply may name another type (a webhook delete answers {@code text/html}). */
    Response toResponse(Reply reply) {
        Response.ResponseBuilder builder = Response.status(reply.status())
                .type(reply.headers().getOrDefault("Content-Type", "application/json; charset=utf-8"))
                .entity(reply.body() == null ? "" : reply.body().toString());
        reply.headers().forEach((name, value) -> {
            if (!"Content-Type".equals(name)) {
                builder.header(name, value);
            }
        });
        return builder.build();
    }

    private Reply tooMany(Long retryAfterSeconds, String message) {
        if (retryAfterSeconds == null) {
            ObjectNode body = json.createObjectNode().put("statusCode", 429).put("error", "HttpException");
            body.putArray("messages").add(message);
            return Reply.of(429, body);
        }
        ObjectNode body = json.createObjectNode().put("statusCode", 429).put("error", "RATE_LIMITED");
        body.putArray("messages").add("Rate limit exceeded for apiKey: " + throttle.ratePerMinute + " requests per 60s.");
        body.put("limitKind", "speed").put("limit", throttle.ratePerMinute).put("remaining", 0)
                .put("periodCount", 60).put("periodUnit", "second").put("retryAfterSeconds", retryAfterSeconds);
        body.putObject("scope").put("spenderType", "apiKey").put("spenderId", "emulator-key");
        return new Reply(429, body, Map.of("Retry-After", String.valueOf(retryAfterSeconds),
                "X-RateLimit-Limit", String.valueOf(throttle.ratePerMinute), "X-RateLimit-Remaining", "0"), false, false);
    }

    Reply error(EmulatorError e) {
        if (e.body != null) {
            return Reply.of(e.status, e.body);
        }
        ObjectNode body = json.createObjectNode().put("statusCode", e.status).put("error", e.error);
        body.putArray("messages").add(e.getMessage());
        return Reply.of(e.status, body);
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw EmulatorError.badRequest("Unexpected token in JSON body");
        }
    }

    private static String routeOf(List<String> segments) {
        List<String> route = new ArrayList<>();
        for (String segment : segments) {
            route.add(UUID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
        }
        return "/rest/" + String.join("/", route);
    }

    static ArrayNode array(ObjectMapper json, List<? extends JsonNode> nodes) {
        ArrayNode array = json.createArrayNode();
        nodes.forEach(array::add);
        return array;
    }
}
