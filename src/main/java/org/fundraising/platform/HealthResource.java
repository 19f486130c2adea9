package org.fundraising.platform;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


/** The original's liveness answer, kept for existing probes; Kubernetes uses {@code /q/health/*}. */
@Path("/health")
@OpenRoute("liveness, as the original answered it")
@Tag(name = "health")
public class HealthResource {

    /** {@code {status: "ok"}}. */
    public record Status(String status) {
    }

    private static final Status OK = new Status("ok");

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness, as the original service answered it")
    public Uni<Status> health() {
        return Uni.createFrom().item(OK);
    }
}
