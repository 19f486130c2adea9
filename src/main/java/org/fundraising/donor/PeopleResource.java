package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.List;
import org.fundraising.twenty.schema.FundraisingSchema;

/** {@code GET /people/:id}: the original's normalised donor record, not Twenty's envelope. */
@Path("/api/fundraising/people")
@Tag(name = "people")
public class PeopleResource {

    private final TwentyClient twenty;
    private final TwentyCallers callers;
    private final DonorMatcher matcher;

    PeopleResource(TwentyClient twenty, TwentyCallers callers, DonorMatcher matcher) {
        this.twenty = twenty;
        this.callers = callers;
        this.matcher = matcher;
    }

    /**
     * The original's duplicate lookup (one Twenty call, answered 201 with Twenty's {@code data:[{personDuplicates}]}),
     * plus {@code meta.match}: the one matcher's verdict on those candidates, for the manual-entry screen.
     */
    @POST
    @Path("duplicates")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Possible duplicates of {firstName, lastName, email?, depth?} and the matcher's verdict")
    public Uni<DuplicatesAnswer> duplicates(JsonNode body) {
        DuplicatesQuery query = DuplicatesQuery.read(body);
        DonorIdentity identity = new DonorIdentity(query.firstName(), query.lastName(), query.email());
        return matcher.candidates(callers.interactive("people.duplicates"), identity, query.depth())
                .map(found -> DuplicatesAnswer.of(found, DonorMatchPolicy.classify(identity, List.copyOf(found))));
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One person as {id, fullName, firstName, lastName, email, householdId, mailingAddress, createdAt, updatedAt}")
    public Uni<Person> person(@PathParam("id") String id) {
        return twenty.findById(callers.interactive("people.get"), FundraisingSchema.PERSON.plural(), Ids.requireUuid("id", id), 0)
                .map(found -> PersonRecords.normalise(found.orElseThrow(() -> ApiException.notFound("Person " + id + " not found"))));
    }
}
