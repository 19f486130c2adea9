package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.TwentyConfig;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one {@link TwentyRequest} under the retry policy: every attempt takes a gate token; a 429 pauses the
 * whole gate (Retry-After, else the configured pause) and tries again; 502/503/504 and network errors back off
 * exponentially with jitter, but only for requests that cannot write twice when repeated.
 */
@ApplicationScoped
class TwentyExchange {

    private final TwentyGate gate;
    private final TwentyCircuit circuit;
    private final TwentyHttp http;
    private final TokenTrust trust;
    private final ObjectMapper json;
    private final FundraisingConfig.Gate policy;
    private final TwentyConfig twenty;
    private final MeterRegistry metrics;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    TwentyExchange(TwentyGate gate, TwentyCircuit circuit, TwentyHttp http, TokenTrust trust, ObjectMapper json,
                   FundraisingConfig config, TwentyConfig twenty, MeterRegistry metrics) {
        this.gate = gate;
        this.circuit = circuit;
        this.http = http;
        this.trust = trust;
        this.json = json;
        this.policy = config.twenty();
        this.twenty = twenty;
        this.metrics = metrics;
        registerAtZero();
    }

    /**
     * Every counter exists from the start, at zero, one series per lane (context, method and outcome {@code none}),
     * so an alert on retries or 429s reads 0 on a quiet service instead of "no data".
     */
    private void registerAtZero() {
        for (String name : List.of("fundraising_twenty_calls", "fundraising_twenty_rate_limited", "fundraising_twenty_retries")) {
            for (Lane lane : Lane.values()) {
                Counter.builder(name).tags("lane", lane.label(), "context", "none", "method", "none", "outcome", "none")
                        .register(metrics);
            }
        }
    }

    /** The parsed body of a 2xx answer, or a {@link TwentyException} once the policy gives up. */
    Uni<JsonNode> send(TwentyCaller caller, TwentyRequest request) {
        // A person's call carries their token; only a system caller may use the service key.
        String token = caller.actsForUser() ? caller.userToken() : twenty.serviceKey().orElse(null);
        if (token == null) {
            return Uni.createFrom().failure(TwentyException.notConfigured());
        }
        int refused = caller.actsForUser() ? trust.refusalOf(token) : 0;
        if (refused != 0) {
            return Uni.createFrom().failure(TwentyException.rememberedRejection(refused));
        }
        return attempt(caller, request, token, 1, 0);
    }

    /** The circuit and the gate admit the call first: their refusals (503s) reach the caller as they are. */
    private Uni<JsonNode> attempt(TwentyCaller caller, TwentyRequest request, String token, int attempt,
                                  int rateLimited) {
        return circuit.admit(caller)
                .chain(() -> gate.acquire(caller.lane(), caller.context(), caller.deadlineNanos()))
                .chain(waited -> sendOnce(caller, request, token, attempt, rateLimited, waited));
    }

    /** One request on the wire; its answer or failure goes to the retry policy. */
    private Uni<JsonNode> sendOnce(TwentyCaller caller, TwentyRequest request, String token, int attempt,
                                   int rateLimited, Duration waited) {
        long started = System.nanoTime();
        if (caller.attempts() != null) {
            caller.attempts().increment();
        }
        if (LogEvent.debugEnabled(TwentyExchange.class)) {
            event("twenty_proxy_attempt", caller, request, attempt).with("gateWaitMs", waited.toMillis())
                    .debug(request.describe());
        }
        return circuit.judge(() -> http.exchange(request, token, caller.requestId())
                        .ifNoItem().after(policy.timeout()).fail())
                .onItemOrFailure().transformToUni((answer, failure) -> {
                    if (failure instanceof TwentyException open && open.kind() == TwentyException.Kind.CIRCUIT_OPEN) {
                        // Opened while this call waited for its token: a person is told, background work waits again.
                        return caller.hasDeadline() ? Uni.createFrom().failure(open)
                                : attempt(caller, request, token, attempt, rateLimited);
                    }
                    long durationMs = (System.nanoTime() - started) / 1_000_000;
                    return failure != null
                            ? onNetworkFailure(caller, request, token, attempt, rateLimited, failure, durationMs)
                            : onAnswer(caller, request, token, attempt, rateLimited, answer, durationMs);
                });
    }

    private Uni<JsonNode> onAnswer(TwentyCaller caller, TwentyRequest request, String token, int attempt,
                                   int rateLimited, TwentyHttp.Answer answer, long durationMs) {
        int status = answer.status();
        count("fundraising_twenty_calls", caller, request, String.valueOf(status));
        if (status >= 200 && status < 300) {
            if (caller.actsForUser()) {
                trust.accepted(token);
            }
            boolean afterRetries = attempt > 1 || rateLimited > 0;
            if (afterRetries || LogEvent.debugEnabled(TwentyExchange.class)) {
                LogEvent success = event("twenty_proxy_success", caller, request, attempt)
                        .with("status", status).with("durationMs", durationMs);
                if (afterRetries) {
                    success.info(request.describe() + " succeeded after retries");
                } else {
                    success.debug(request.describe());
                }
            }
            return Uni.createFrom().item(parse(answer.body(), request));
        }
        List<String> messages = messages(answer.body());
        if (status == 429) {
            Duration pause = retryAfter(answer.retryAfter()).orElse(policy.rateLimitPause());
            gate.pause(pause);
            count("fundraising_twenty_rate_limited", caller, request, "429");
            if (rateLimited < policy.maxRateLimitRetries()) {
                event("twenty_proxy_retry", caller, request, attempt).with("status", status)
                        .with("durationMs", durationMs).with("delayMs", pause.toMillis()).with("reason", "rate_limited")
                        .warn(request.describe() + " rate limited; whole gate paused");
                // The pause is in the gate, so the retry simply queues for its next token.
                return attempt(caller, request, token, attempt, rateLimited + 1);
            }
            return give(caller, request, attempt, status, durationMs, TwentyException.rateLimited(pause));
        }
        boolean gatewayError = status == 502 || status == 503 || status == 504;
        if (gatewayError && attempt < policy.maxAttempts()) {
            return retryAfterBackoff(caller, request, token, attempt, rateLimited, "status_" + status, status, durationMs);
        }
        if ((status == 401 || status == 403) && caller.actsForUser()) {
            trust.refused(token, status);
        }
        TwentyException failure = TwentyException.fromStatus(status, messages);
        if (failure.isNotFound() && "DELETE".equals(request.method()) && attempt > 1) {
            // The earlier attempt deleted it and its answer was lost: the delete succeeded.
            event("twenty_proxy_success", caller, request, attempt).with("status", status)
                    .info(request.describe() + " already gone on retry: the earlier attempt deleted it");
            return Uni.createFrom().item(NullNode.getInstance());
        }
        if (status == 404 || failure.isNotFound()) {
            return Uni.createFrom().failure(failure);
        }
        return give(caller, request, attempt, status, durationMs, failure);
    }

    private Uni<JsonNode> onNetworkFailure(TwentyCaller caller, TwentyRequest request, String token, int attempt,
                                           int rateLimited, Throwable failure, long durationMs) {
        // Mutiny's time-out and the JDK's share a simple name, so the JDK's (from the HTTP client) is written in full.
        boolean timedOut = failure instanceof TimeoutException || hasCause(failure, java.util.concurrent.TimeoutException.class);
        String reason = timedOut ? "timeout after " + policy.timeout().toMillis() + " ms" : describe(failure);
        count("fundraising_twenty_calls", caller, request, timedOut ? "timeout" : "network_error");
        event("twenty_proxy_network_error", caller, request, attempt).with("durationMs", durationMs)
                .with("reason", reason).warn(request.describe() + " failed: " + reason);
        if (attempt < policy.maxAttempts()) {
            return retryAfterBackoff(caller, request, token, attempt, rateLimited, timedOut ? "timeout" : "network", 0,
                    durationMs);
        }
        return give(caller, request, attempt, 0, durationMs, TwentyException.unavailable(reason));
    }

    private Uni<JsonNode> retryAfterBackoff(TwentyCaller caller, TwentyRequest request, String token, int attempt,
                                            int rateLimited, String reason, int status, long durationMs) {
        long base = policy.retryBase().toMillis() * (1L << Math.min(attempt - 1, 10));
        long delay = base / 2 + ThreadLocalRandom.current().nextLong(base / 2 + 1);
        count("fundraising_twenty_retries", caller, request, reason);
        event("twenty_proxy_retry", caller, request, attempt).with("status", status == 0 ? null : status)
                .with("durationMs", durationMs).with("delayMs", delay).with("reason", reason)
                .warn(request.describe() + " will be retried in " + delay + " ms");
        return Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(delay))
                .chain(() -> attempt(caller, request, token, attempt + 1, rateLimited));
    }

    private Uni<JsonNode> give(TwentyCaller caller, TwentyRequest request, int attempt, int status, long durationMs,
                               TwentyException failure) {
        LogEvent event = event(attempt > 1 ? "twenty_proxy_exhausted_retries" : "twenty_proxy_http_error",
                caller, request, attempt).with("status", status == 0 ? null : status).with("durationMs", durationMs)
                .with("error", failure.getMessage());
        if (failure.kind() == TwentyException.Kind.REJECTED) {
            event.info(request.describe() + " rejected by Twenty");
        } else {
            event.warn(request.describe() + " failed");
        }
        return Uni.createFrom().failure(failure);
    }

    private LogEvent event(String name, TwentyCaller caller, TwentyRequest request, int attempt) {
        return LogEvent.of(TwentyExchange.class, name)
                .with("requestId", caller.requestId())
                .with("method", request.method())
                .with("path", "/rest/" + request.path())
                .with("attempt", attempt)
                .with("maxAttempts", policy.maxAttempts())
                .with("context", caller.context())
                .with("lane", caller.lane().label());
    }

    private void count(String name, TwentyCaller caller, TwentyRequest request, String outcome) {
        counters.computeIfAbsent(name + '|' + caller.lane() + '|' + caller.context() + '|' + request.method() + '|' + outcome,
                key -> Counter.builder(name).tags("lane", caller.lane().label(), "context", String.valueOf(caller.context()),
                        "method", request.method(), "outcome", outcome).register(metrics)).increment();
    }

    private JsonNode parse(String body, TwentyRequest request) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw TwentyException.invalidResponse("unparseable body for " + request.describe());
        }
    }

    private List<String> messages(String body) {
        try {
            return TwentyErrors.messages(json.readTree(body == null ? "" : body));
        } catch (Exception ignored) {
            // A non-JSON error body (a proxy's HTML page) says nothing a caller can use.
            return List.of();
        }
    }

    static Optional<Duration> retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        String value = header.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (Exception notADate) {
                return Optional.empty();
            }
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
