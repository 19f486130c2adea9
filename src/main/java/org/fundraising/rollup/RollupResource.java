package org.fundraising.rollup;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.Ids;
import org.fundraising.platform.StrictBodies;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;

/** Full rebuilds of donor, household, company, appeal and opportunity totals, and their progress. */
@Path("/api/fundraising/rollups")
@Tag(name = "rollups")
@Produces(MediaType.APPLICATION_JSON)
public class RollupResource {

    private final RollupRuns runs;

    RollupResource(RollupRuns runs) {
        this.runs = runs;
    }

    @POST
    @Path("rebuild")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Started: the rebuild's first snapshot; poll /rollups/runs/{runId}",
            content = @Content(schema = @Schema(implementation = RollupRun.class)))
    @APIResponse(responseCode = "409", description = "A rebuild is running")
    @Operation(summary = "Recompute totals from every gift on the lowest lane and write the records whose totals differ "
            + "(60 to a call); answers at once and runs on. {dryRun:true} writes nothing and reports what would change and cost")
    @CustomDeserialization(StrictBodies.class)
    public Uni<RestResponse<RollupRun>> rebuild(@Valid RebuildRequest body) {
        RebuildRequest request = body == null ? RebuildRequest.EVERYTHING : body;
        return runs.start(request.kinds(), request.planOnly(), "api")
                .map(run -> RestResponse.status(RestResponse.Status.ACCEPTED, run));
    }

    @GET
    @Path("runs/{runId}")
    @APIResponse(responseCode = "200", description = "The rebuild as it stands",
            content = @Content(schema = @Schema(implementation = RollupRun.class)))
    @APIResponse(responseCode = "404", description = "No rebuild has that id (snapshots are kept 7 days)")
    @Operation(summary = "A rebuild's progress: records read, changed per kind, written, Twenty calls")
    public Uni<RollupRun> run(@PathParam("runId") String runId) {
        Ids.requireUuid("runId", runId);
        return runs.find(runId).map(found -> found.orElseThrow(() -> RollupRuns.unknown(runId)));
    }

    @GET
    @Path("runs/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The rebuild's snapshot each time it changes, as Server-Sent Events, ending when it ends")
    public Multi<RollupRun> events(@PathParam("runId") String runId) {
        return runs.events(Ids.requireUuid("runId", runId));
    }
}
