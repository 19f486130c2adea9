package org.fundraising.household;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.donor.Person;
import org.fundraising.donor.PersonRecords;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Body;
import org.fundraising.platform.Ids;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.NameSearchParams;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.fundraising.twenty.TwentyQuery;

import org.fundraising.twenty.schema.FundraisingSchema;

/** Households and their members; answers are the original's normalised records, not Twenty's envelopes. */
@Path("/api/fundraising/households")
@Tag(name = "households")
@Produces(MediaType.APPLICATION_JSON)
public class HouseholdResource {

    static final String OBJECT = FundraisingSchema.HOUSEHOLD.plural();
    public static final InputSchema<HouseholdInput> SCHEMA = InputSchema.of("Household", HouseholdInput.class)
            .custom("mailingAddress", Kind.JSON, PersonRecords::toTwentyAddress);

    private final TwentyClient twenty;
    private final TwentyObject households;
    private final TwentyObject people;
    private final TwentyCallers callers;

    HouseholdResource(TwentyClient twenty, TwentyCallers callers) {
        this.twenty = twenty;
        this.households = new TwentyObject(twenty, OBJECT, FundraisingSchema.HOUSEHOLD.singular(), "Household");
        this.people = new TwentyObject(twenty, FundraisingSchema.PERSON.plural(), FundraisingSchema.PERSON.singular(), "Person");
        this.callers = callers;
    }

    @GET
    @Operation(summary = "{households:[…], meta}: native name search, limit and cursor")
    public Uni<Household.Page> list(@BeanParam NameSearchParams params, @BeanParam NativeListParams twentyParams) {
        return households.list(callers.interactive("household.list"), twentyParams.applyTo(params.query(50)))
                .map(page -> new Household.Page(page.data().get(OBJECT).stream().map(Household::of).toList(), page.meta()));
    }

    @GET
    @Path("{id}")
    public Uni<Household> get(@PathParam("id") String id) {
        return households.find(callers.interactive("household.get"), id).map(Household::of);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "HouseholdInput")))
    public Uni<Household> create(JsonNode body) {
        return households.created(callers.interactive("household.create"), SCHEMA.create(body).sent()).map(Household::of);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "HouseholdInput")))
    public Uni<Household> update(@PathParam("id") String id, JsonNode body) {
        Ids.requireUuid("id", id);
        return households.updated(callers.interactive("household.update"), id, SCHEMA.update(body).sent()).map(Household::of);
    }

    @GET
    @Path("{id}/members")
    @Operation(summary = "Every member (native householdId filter, all pages)")
    public Uni<Household.Members> members(@PathParam("id") String id, @BeanParam NativeListParams twentyParams) {
        TwentyQuery query = twentyParams.applyTo(TwentyQuery.all().withFilter(Filters.eq("householdId", Ids.requireUuid("id", id)))
                .withOrderBy("createdAt[AscNullsLast]"));
        return twenty.listAll(callers.interactive("household.members"), FundraisingSchema.PERSON.plural(), query).collect().asList()
                .map(people -> new Household.Members(people.stream().map(PersonRecords::normalise).toList(),
                        new Household.Count(people.size())));
    }

    @POST
    @Path("{id}/members")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(implementation = MembershipInput.Join.class)))
    public Uni<Person> addMember(@PathParam("id") String id, JsonNode body) {
        MembershipInput.Join join = MembershipInput.JOIN.create(body).fields();
        String contactId = join.contactId();
        boolean makePrimary = Boolean.TRUE.equals(join.makePrimary());
        TwentyCaller caller = callers.interactive("household.member.add");
        ObjectNode member = JsonNodeFactory.instance.objectNode().put("householdId", id);
        return households.find(caller, id)
                .chain(household -> people.updated(caller, contactId, member))
                .call(person -> makePrimary ? households.updated(caller, id,
                        JsonNodeFactory.instance.objectNode().put("primaryContactId", contactId)) : Uni.createFrom().voidItem())
                .map(PersonRecords::normalise);
    }

    @DELETE
    @Path("{id}/members/{contactId}")
    @Operation(summary = "Take the person out of the household (and off its primary contact if they were)")
    public Uni<Person> removeMember(@PathParam("id") String id, @PathParam("contactId") String contactId) {
        Ids.requireUuid("contactId", contactId);
        TwentyCaller caller = callers.interactive("household.member.remove");
        ObjectNode leave = JsonNodeFactory.instance.objectNode().putNull("householdId");
        return households.find(caller, id)
                .chain(household -> twenty.updateWhere(caller, FundraisingSchema.PERSON.plural(),
                                Filters.and(Filters.eq("id", contactId), Filters.eq("householdId", id)), leave)
                        .call(updated -> contactId.equals(household.path("primaryContactId").asText(null)) && !updated.isEmpty()
                                ? twenty.update(caller, OBJECT, id, JsonNodeFactory.instance.objectNode().putNull("primaryContactId"))
                                : Uni.createFrom().voidItem()))
                .map(updated -> {
                    if (updated.isEmpty()) {
                        throw ApiException.notFound("Person " + contactId + " is not a member of household " + id);
                    }
                    return PersonRecords.normalise(updated.get(0));
                });
    }

    @POST
    @Path("{id}/copy-address")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Make the person a member with an address: mailingAddress given is written, null clears the "
            + "person's address, and an absent mailingAddress copies the household's")
    @RequestBody(content = @Content(schema = @Schema(implementation = MembershipInput.AddressCopy.class)))
    public Uni<Person> copyAddress(@PathParam("id") String id, JsonNode body) {
        Body<MembershipInput.AddressCopy> copy = MembershipInput.ADDRESS_COPY.create(body);
        String contactId = copy.fields().contactId();
        JsonNode sent = copy.sent().get("mailingAddress");
        JsonNode given = sent == null ? null : sent.isNull() ? PersonRecords.emptyAddress() : sent;
        TwentyCaller caller = callers.interactive("household.copy-address");
        return households.find(caller, id)
                .chain(household -> {
                    ObjectNode patch = JsonNodeFactory.instance.objectNode().put("householdId", id);
                    patch.set("mailingAddress", given != null ? given : household.path("mailingAddress").deepCopy());
                    return people.updated(caller, contactId, patch);
                })
                .map(PersonRecords::normalise);
    }
}
