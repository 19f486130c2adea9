package org.fundraising.platform;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.util.Map;

/** Test-only routes behind the same pipeline as the real API, to exercise it before feature routes exist. */
@Path("/api/fundraising/test-probe")
public class ProbeResource {

    public record Body(@NotBlank String name, @NotNull @Positive Long amountMicros) {
    }

    private final TwentyClient twenty;
    private final TwentyCallers callers;

    ProbeResource(TwentyClient twenty, TwentyCallers callers) {
        this.twenty = twenty;
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> echo(@Valid Body body) {
        return Uni.createFrom().item(Map.of("name", body.name(), "amountMicros", body.amountMicros()));
    }

    /** One interactive Twenty call with the caller's token and request id. */
    @GET
    @Path("people")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> people() {
        return twenty.list(callers.interactive("test.people"), "people", TwentyQuery.all().withLimit(5))
                .map(page -> Map.of("count", page.records().size()));
    }
}
