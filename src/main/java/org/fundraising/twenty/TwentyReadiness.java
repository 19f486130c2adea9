package org.fundraising.twenty;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.fundraising.platform.FundraisingConfig;

import java.time.Duration;
import java.time.Instant;

/**
 * Ready means Twenty answered its health route within the last minute and the circuit in front of it is closed. Probes come every few seconds, so the
 * answer is cached and Twenty is asked at most once a minute, on the lowest lane of the gate.
 */
@Readiness
@ApplicationScoped
public class TwentyReadiness implements AsyncHealthCheck {

    static final Duration PROBE_INTERVAL = Duration.ofMinutes(1);

    private record Probe(boolean reachable, Instant at) {
    }

    private final TwentyClient client;
    private final TwentyCircuit circuit;
    private final FundraisingConfig config;
    private volatile Probe last;
    private volatile Uni<Probe> inFlight;

    TwentyReadiness(TwentyClient client, TwentyCircuit circuit, FundraisingConfig config) {
        this.client = client;
        this.circuit = circuit;
        this.config = config;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.emulatorOnly()) {
            return Uni.createFrom().item(HealthCheckResponse.named("twenty").up().withData("role", "emulator").build());
        }
        if (!circuit.isClosed()) {
            return Uni.createFrom().item(HealthCheckResponse.named("twenty").down()
                    .withData("reason", "circuit open: Twenty's recent answers were errors or time-outs").build());
        }
        return current().map(probe -> HealthCheckResponse.named("twenty")
                .status(probe.reachable())
                .withData("checkedAt", probe.at().toString())
                .build());
    }

    private Uni<Probe> current() {
        Probe cached = last;
        if (cached != null && cached.at().plus(PROBE_INTERVAL).isAfter(Instant.now())) {
            return Uni.createFrom().item(cached);
        }
        synchronized (this) {
            if (inFlight == null) {
                inFlight = client.reachable(TwentyCaller.system(Lane.ROLLUP, "readiness"))
                        .map(reachable -> new Probe(reachable, Instant.now()))
                        .invoke(probe -> {
                            last = probe;
                            inFlight = null;
                        })
                        .memoize().indefinitely();
                if (cached != null) {
                    inFlight.subscribe().with(probe -> { }, failure -> inFlight = null);
                }
            }
            // While a probe runs, the previous answer stands; the first probe is waited for.
            return cached != null ? Uni.createFrom().item(cached) : inFlight;
        }
    }
}
