package org.fundraising.donor;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;

import java.util.Map;

/** {@code GET /people/:id}: the original's normalised donor record, not Twenty's envelope (original-system §1.4). */
@Path("/api/fundraising/people")
@Tag(name = "people")
public class PeopleResource {

    private final TwentyClient twenty;
    private final TwentyCallers callers;

    PeopleResource(TwentyClient twenty, TwentyCallers callers) {
        this.twenty = twenty;
        this.callers = callers;
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One person as {id, fullName, firstName, lastName, email, householdId, mailingAddress, createdAt, updatedAt}")
    public Uni<Map<String, Object>> person(@PathParam("id") String id) {
        return twenty.findById(callers.interactive("people.get"), "people", Ids.requireUuid("id", id), 0)
                .map(found -> PersonRecords.normalise(found.orElseThrow(() -> ApiException.notFound("Person " + id + " not found"))));
    }
}
