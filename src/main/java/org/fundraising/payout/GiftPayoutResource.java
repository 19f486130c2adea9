package org.fundraising.payout;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.twenty.Envelopes;
import org.fundraising.platform.Ids;
import org.fundraising.platform.StrictBodies;
import org.fundraising.platform.Vocabulary;
import org.fundraising.platform.InputSchema;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.jboss.resteasy.reactive.ResponseStatus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.fundraising.twenty.schema.FundraisingSchema;

/** Gift payouts and their gifts: link and unlink are one Twenty call per 60 gifts. */
@Path("/api/fundraising/gift-payouts")
@Tag(name = "gift-payouts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftPayoutResource {

    static final String OBJECT = FundraisingSchema.GIFT_PAYOUT.plural();
    private static final String BODY_REQUIRED = "is required: {\"giftIds\":[…]}";
    /** How far a payout's deposit is reconciled with its gifts. */
    public enum Status { PENDING, PARTIALLY_RECONCILED, RECONCILED, VARIANCE }

    static final Set<String> STATUSES = Vocabulary.of(Status.class);

    public static final InputSchema<GiftPayoutInput> SCHEMA = InputSchema.of("Gift payout", GiftPayoutInput.class);

    private final TwentyClient twenty;
    private final TwentyObject payouts;
    private final TwentyCallers callers;

    GiftPayoutResource(TwentyClient twenty, TwentyCallers callers) {
        this.twenty = twenty;
        this.payouts = new TwentyObject(twenty, OBJECT, "giftPayout", "Gift payout");
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftPayoutInput")))
    public Uni<Envelopes.Data> create(JsonNode body) {
        return payouts.create(callers.interactive("payout.create"), SCHEMA.create(body).sent());
    }

    @GET
    @Operation(summary = "List with native filters: statuses, sourceSystems, search (reference or note), sort=field:asc|desc")
    public Uni<Envelopes.Page> list(@BeanParam PayoutListParams params, @BeanParam NativeListParams twentyParams) {
        return payouts.list(callers.interactive("payout.list"), twentyParams.applyTo(params.query()));
    }

    @GET
    @Path("{id}")
    public Uni<Envelopes.Data> get(@PathParam("id") String id) {
        return payouts.get(callers.interactive("payout.get"), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftPayoutInput")))
    public Uni<Envelopes.Data> update(@PathParam("id") String id, JsonNode body) {
        Ids.requireUuid("id", id);
        return payouts.update(callers.interactive("payout.update"), id, SCHEMA.update(body).sent());
    }

    @POST
    @Path("{id}/gifts/link")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Link gifts to the payout: {giftIds:[…]} → {linkedGiftIds, unknownGiftIds}")
    @CustomDeserialization(StrictBodies.class)
    public Uni<Relinked.Linked> link(@PathParam("id") String id, @Valid @NotNull(message = BODY_REQUIRED) GiftIdsRequest body) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode().put("giftPayoutId", Ids.requireUuid("id", id));
        List<String> giftIds = body.distinct();
        return relink(id, giftIds, patch, null, "payout.link")
                .map(done -> new Relinked.Linked(moved(giftIds, done, true), moved(giftIds, done, false)));
    }

    @POST
    @Path("{id}/gifts/unlink")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(201)
    @Operation(summary = "Unlink gifts from the payout: {giftIds:[…]} → {unlinkedGiftIds, unknownGiftIds}")
    @CustomDeserialization(StrictBodies.class)
    public Uni<Relinked.Unlinked> unlink(@PathParam("id") String id, @Valid @NotNull(message = BODY_REQUIRED) GiftIdsRequest body) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode().putNull("giftPayoutId");
        List<String> giftIds = body.distinct();
        return relink(id, giftIds, patch, Filters.eq("giftPayoutId", Ids.requireUuid("id", id)), "payout.unlink")
                .map(done -> new Relinked.Unlinked(moved(giftIds, done, true), moved(giftIds, done, false)));
    }

    /** One PATCH by {@code id[in]} per 60 gifts: the ids of the gifts Twenty updated. */
    private Uni<Set<String>> relink(String payoutId, List<String> giftIds, ObjectNode patch, String onlyIf, String context) {
        TwentyCaller caller = callers.interactive(context);
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < giftIds.size(); i += TwentyClient.BATCH_LIMIT) {
            chunks.add(giftIds.subList(i, Math.min(giftIds.size(), i + TwentyClient.BATCH_LIMIT)));
        }
        return twenty.findById(caller, OBJECT, payoutId, 0)
                .invoke(found -> found.orElseThrow(() -> payouts.missing(payoutId)))
                .chain(found -> Multi.createFrom().iterable(chunks)
                        .onItem().transformToUniAndConcatenate(chunk -> twenty.updateWhere(caller, FundraisingSchema.GIFT.plural(),
                                Filters.and(Filters.in("id", chunk), onlyIf), patch))
                        .collect().asList())
                .map(results -> {
                    Set<String> done = new LinkedHashSet<>();
                    results.forEach(updated -> updated.forEach(gift -> done.add(gift.path("id").asText())));
                    return done;
                });
    }

    /** The ids asked for that Twenty updated ({@code updated}), or those it did not: reported, never skipped silently. */
    private static List<String> moved(List<String> giftIds, Set<String> done, boolean updated) {
        return giftIds.stream().filter(giftId -> done.contains(giftId) == updated).toList();
    }
}
