package org.fundraising.twenty;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/fundraising/ops/rate-budget")
@Tag(name = "operations")
public class RateBudgetResource {

    private final TwentyGate gate;

    RateBudgetResource(TwentyGate gate) {
        this.gate = gate;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Tokens left, queue depth per lane, 429s in the last hour and the predicted time to drain")
    public Uni<GateSnapshot> rateBudget() {
        return Uni.createFrom().item(gate::snapshot);
    }
}
