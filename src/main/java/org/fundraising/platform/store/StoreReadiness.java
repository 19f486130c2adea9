package org.fundraising.platform.store;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.fundraising.platform.FundraisingConfig;

import java.time.Duration;

/** Ready only while the operational store takes writes: nothing may be acknowledged that cannot be kept. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements AsyncHealthCheck {

    private final FundraisingConfig config;
    private final Instance<OperationalStore> store;

    StoreReadiness(FundraisingConfig config, Instance<OperationalStore> store) {
        this.config = config;
        this.store = store;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        if (config.emulatorOnly()) {
            return Uni.createFrom().item(HealthCheckResponse.named("operational-store").up().withData("role", "emulator").build());
        }
        OperationalStore opened = store.get();
        return opened.ping()
                .ifNoItem().after(Duration.ofSeconds(3)).fail()
                .map(ok -> HealthCheckResponse.named("operational-store").up().withData("kind", opened.kind()).build())
                .onFailure().recoverWithItem(failure -> HealthCheckResponse.named("operational-store").down()
                        .withData("kind", opened.kind()).withData("reason", String.valueOf(failure.getMessage())).build());
    }
}
