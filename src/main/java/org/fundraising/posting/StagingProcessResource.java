package org.fundraising.posting;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Ids;
import org.fundraising.staging.StagingSwitch;
import org.fundraising.twenty.TwentyCallers;
import org.jboss.resteasy.reactive.ResponseStatus;


/** {@code POST /gift-staging/:id/process}: a reviewed row becomes its gift. */
@Path("/api/fundraising/gift-staging")
@Tag(name = "gift-staging")
@Produces(MediaType.APPLICATION_JSON)
public class StagingProcessResource {

    private final StagingProcessor processor;
    private final TwentyCallers callers;
    private final FundraisingConfig config;

    StagingProcessResource(StagingProcessor processor, TwentyCallers callers, FundraisingConfig config) {
        this.processor = processor;
        this.callers = callers;
        this.config = config;
    }

    @POST
    @Path("{id}/process")
    @ResponseStatus(201)
    @Operation(summary = "Post the row's gift: {status: processed|deferred|error, stagingId, giftId?, reason?, error?}")
    public Uni<ProcessOutcome> process(@PathParam("id") String id) {
        StagingSwitch.requireOn(config);
        return processor.process(callers.interactive("staging.process"), Ids.requireUuid("id", id == null ? null : id.trim()));
    }
}
