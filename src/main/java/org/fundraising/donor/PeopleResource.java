package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.util.LinkedHashMap;
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
                .map(found -> normalise(found.orElseThrow(() -> ApiException.notFound("Person " + id + " not found"))));
    }

    static Map<String, Object> normalise(ObjectNode person) {
        String first = text(person.path("name").path("firstName"));
        String last = text(person.path("name").path("lastName"));
        String fullName = String.join(" ", java.util.stream.Stream.of(first, last).filter(s -> s != null && !s.isBlank()).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", text(person.path("id")));
        out.put("fullName", fullName.isEmpty() ? null : fullName);
        out.put("firstName", first);
        out.put("lastName", last);
        out.put("email", text(person.path("emails").path("primaryEmail")));
        out.put("householdId", text(person.path("householdId")));
        out.put("mailingAddress", address(person.path("mailingAddress")));
        out.put("createdAt", text(person.path("createdAt")));
        out.put("updatedAt", text(person.path("updatedAt")));
        return out;
    }

    private static Map<String, Object> address(JsonNode address) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("line1", text(address.path("addressStreet1")));
        out.put("line2", text(address.path("addressStreet2")));
        out.put("city", text(address.path("addressCity")));
        out.put("region", text(address.path("addressState")));
        out.put("postalCode", text(address.path("addressPostcode")));
        out.put("country", text(address.path("addressCountry")));
        return out.values().stream().allMatch(v -> v == null) ? null : out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() || node.asText().isEmpty() ? null : node.asText();
    }
}
