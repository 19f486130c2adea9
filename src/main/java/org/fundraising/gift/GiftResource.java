package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.Ids;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;

import java.util.List;
import java.util.Map;

/** The gift records themselves: list, read, edit, delete (intake is {@code POST /gifts} in the intake package). */
@Path("/api/fundraising/gifts")
@Tag(name = "gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {

    private final TwentyClient twenty;
    private final TwentyCallers callers;
    private final RecordLocks locks;

    GiftResource(TwentyClient twenty, TwentyCallers callers, RecordLocks locks) {
        this.twenty = twenty;
        this.callers = callers;
        this.locks = locks;
    }

    @GET
    @Operation(summary = "List gifts with native filters: donorId|contactId, companyId, appealId, giftPayoutId, "
            + "recurringAgreementId, giftBatchId, intakeSources, search; sort=giftDate|createdAt|updatedAt|amount:asc|desc; "
            + "limit (≤ 60 a page) and cursor. Twenty's own filter/order_by are honoured too.")
    public Uni<Envelopes.Page> list(@BeanParam GiftListParams params, @BeanParam NativeListParams twentyParams) {
        return twenty.list(callers.interactive("gift.list"), GiftRecords.OBJECT, twentyParams.applyTo(params.query()))
                .map(page -> Envelopes.page(GiftRecords.OBJECT, page));
    }

    @GET
    @Path("{id}")
    public Uni<Envelopes.Data> get(@PathParam("id") String id, @QueryParam("depth") String depth) {
        return twenty.findById(callers.interactive("gift.get"), GiftRecords.OBJECT, Ids.requireUuid("id", id), Paging.depth(depth))
                .map(found -> Envelopes.data("gift", found.orElseThrow(() -> missing(id))));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftUpdate")))
    public Uni<Envelopes.Data> update(@PathParam("id") String id, JsonNode body) {
        Ids.requireUuid("id", id);
        ObjectNode patch = GiftInput.readUpdate(body);
        TwentyCaller caller = callers.interactive("gift.update");
        if (!patch.has("amount")) {
            return twenty.update(caller, GiftRecords.OBJECT, id, patch)
                    .map(updated -> Envelopes.data("updateGift", updated.orElseThrow(() -> missing(id))));
        }
        // A new amount is checked against the refunds recorded, with the gift held as a refund holds it.
        return locks.one(GiftRecords.lockName(id), () -> twenty.findById(caller, GiftRecords.OBJECT, id, 0)
                .map(found -> found.orElseThrow(() -> missing(id)))
                .invoke(gift -> GiftRefunds.requireAmountFits(gift, patch.get("amount")))
                .chain(gift -> twenty.update(caller, GiftRecords.OBJECT, id, patch))
                .map(updated -> Envelopes.data("updateGift", updated.orElseThrow(() -> missing(id)))));
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelopes.Data> delete(@PathParam("id") String id) {
        return twenty.delete(callers.interactive("gift.delete"), GiftRecords.OBJECT, Ids.requireUuid("id", id), false)
                .map(deleted -> {
                    if (!deleted) {
                        throw missing(id);
                    }
                    return Envelopes.data("deleteGift", Map.of("id", id));
                });
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("Gift " + id + " not found");
    }
}
