package org.fundraising.twenty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.TwentyConfig;

import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Twenty down is a state, not a storm. A SmallRye Fault Tolerance circuit breaker judges every attempt sent to
 * Twenty: when enough of the recent ones end in a 5xx, a time-out or a network error, it opens. While it is open a
 * person's call is answered 503 with Retry-After at once, background work (runs, the webhook worker, probes) waits
 * for it to close instead of spending attempts, and readiness says Twenty is down. After the open time one probe
 * on the lowest lane (the smallest read there is) is let through: success closes the circuit, failure keeps it open.
 */
@ApplicationScoped
public class TwentyCircuit {

    private static final TypeLiteral<Uni<TwentyHttp.Answer>> ANSWER = new TypeLiteral<>() {
    };

    /** A 5xx answer, carried through the breaker as a failure and handed back to the retry policy as the answer. */
    static final class DownAnswer extends RuntimeException {
        final TwentyHttp.Answer answer;

        DownAnswer(TwentyHttp.Answer answer) {
            super("Twenty answered " + answer.status(), null, false, false);
            this.answer = answer;
        }
    }

    private final Guard guard;
    private final Vertx vertx;
    private final TwentyGate gate;
    private final TwentyHttp http;
    private final TwentyConfig twenty;
    private final long timeoutMs;
    private final Duration openFor;
    private final Counter openings;
    private final List<UniEmitter<? super Void>> waiting = new ArrayList<>();
    private volatile CircuitBreakerState state = CircuitBreakerState.CLOSED;
    private volatile long openedAtNanos;

    TwentyCircuit(FundraisingConfig config, Vertx vertx, TwentyGate gate, TwentyHttp http, TwentyConfig twenty,
                  MeterRegistry metrics) {
        FundraisingConfig.Gate policy = config.twenty();
        this.vertx = vertx;
        this.gate = gate;
        this.http = http;
        this.twenty = twenty;
        this.timeoutMs = policy.timeout().toMillis();
        this.openFor = policy.circuitOpen();
        this.guard = Guard.create()
                .withDescription("Twenty REST API")
                .withCircuitBreaker()
                .name("twenty")
                .requestVolumeThreshold(policy.circuitWindow())
                .failureRatio(policy.circuitFailureRatio())
                .delay(policy.circuitOpen().toMillis(), ChronoUnit.MILLIS)
                .successThreshold(1)
                .when(TwentyCircuit::meansDown)
                .onStateChange(this::changed)
                .done()
                .withThreadOffload(false)
                .build();
        this.openings = Counter.builder("fundraising_twenty_circuit_opened").description("Times the Twenty circuit opened")
                .register(metrics);
        metrics.gauge("fundraising_twenty_circuit_open", this, circuit -> circuit.isClosed() ? 0 : 1);
    }

    public boolean isClosed() {
        return state == CircuitBreakerState.CLOSED;
    }

    /**
     * Lets a call go on: at once while the circuit is closed; for a person, a 503 while it is open; for background
     * work, once it has closed again.
     */
    Uni<Void> admit(TwentyCaller caller) {
        if (isClosed()) {
            return Uni.createFrom().voidItem();
        }
        if (caller.hasDeadline()) {
            return Uni.createFrom().failure(TwentyException.circuitOpen(untilProbe()));
        }
        return Uni.createFrom().emitter(emitter -> {
            synchronized (waiting) {
                if (isClosed()) {
                    emitter.complete(null);
                    return;
                }
                waiting.add(emitter);
            }
        });
    }

    /** One attempt, judged by the breaker; a 5xx comes back as the answer it was, for the retry policy. */
    Uni<TwentyHttp.Answer> judge(Supplier<Uni<TwentyHttp.Answer>> attempt) {
        return guard.get(() -> attempt.get().map(answer -> {
                    if (answer.status() >= 500 && answer.status() <= 599) {
                        throw new DownAnswer(answer);
                    }
                    return answer;
                }), ANSWER)
                .onFailure(DownAnswer.class).recoverWithItem(failure -> ((DownAnswer) failure).answer)
                .onFailure(CircuitBreakerOpenException.class).transform(open -> TwentyException.circuitOpen(untilProbe()));
    }

    private static boolean meansDown(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DownAnswer || t instanceof TimeoutException || t instanceof java.util.concurrent.TimeoutException
                    || t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private void changed(CircuitBreakerState next) {
        CircuitBreakerState previous = state;
        state = next;
        if (next == CircuitBreakerState.OPEN) {
            openedAtNanos = System.nanoTime();
            if (previous == CircuitBreakerState.CLOSED) {
                openings.increment();
                LogEvent.of(TwentyCircuit.class, "twenty_circuit_opened").with("openMs", openFor.toMillis())
                        .warn("Twenty is failing: circuit open; people get 503 at once, background work waits");
            }
            vertx.setTimer(Math.max(1, openFor.toMillis()), id -> probe());
        } else if (next == CircuitBreakerState.CLOSED) {
            LogEvent.of(TwentyCircuit.class, "twenty_circuit_closed").info("Twenty answers again: circuit closed");
            List<UniEmitter<? super Void>> released;
            synchronized (waiting) {
                released = new ArrayList<>(waiting);
                waiting.clear();
            }
            released.forEach(emitter -> emitter.complete(null));
        }
    }

    /** The half-open probe: the smallest read, on the lowest lane, with the service's key. */
    private void probe() {
        if (isClosed()) {
            return;
        }
        String requestId = UUID.randomUUID().toString();
        gate.acquire(Lane.ROLLUP, "circuit.probe")
                .chain(() -> judge(() -> http.exchange(TwentyRequest.smallestRead(),
                        twenty.serviceKey().orElse(null), requestId).ifNoItem().after(Duration.ofMillis(timeoutMs)).fail()))
                .subscribe().with(answer -> { }, failure -> {
                    LogEvent.of(TwentyCircuit.class, "twenty_circuit_probe_failed").with("requestId", requestId)
                            .with("reason", String.valueOf(failure.getMessage())).warn("Twenty still not answering");
                    if (state != CircuitBreakerState.OPEN) {
                        vertx.setTimer(Math.max(1, openFor.toMillis()), id -> probe());
                    }
                });
    }

    private Duration untilProbe() {
        long left = openFor.toNanos() - (System.nanoTime() - openedAtNanos);
        return Duration.ofNanos(Math.max(left, 1_000_000_000L));
    }
}
