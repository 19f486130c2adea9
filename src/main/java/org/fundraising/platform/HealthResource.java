package org.fundraising.platform;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.Map;

/** The original's liveness answer, kept for existing probes; Kubernetes uses {@code /q/health/*}. */
@Path("/health")
@OpenRoute("liveness, as the original answered it")
@Tag(name = "health")
public class HealthResource {

    private static final Map<String, String> OK = Map.of("status", "ok");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness, as the original service answered it")
    public Uni<Map<String, String>> health() {
        return Uni.createFrom().item(OK);
    }
}
