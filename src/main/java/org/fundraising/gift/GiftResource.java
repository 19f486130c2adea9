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
import org.fundraising.platform.Ids;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;

import java.util.List;

/** The gift records themselves: list, read, edit, delete (intake is {@code POST /gifts} in the intake package). */
@Path("/api/fundraising/gifts")
@Tag(name = "gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {

    private final TwentyClient twenty;
    private final TwentyObject gifts;
    private final TwentyCallers callers;
    private final RecordLocks locks;

    GiftResource(TwentyClient twenty, TwentyCallers callers, RecordLocks locks) {
        this.twenty = twenty;
        this.gifts = GiftRecords.object(twenty);
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
                .map(found -> Envelopes.data("gift", found.orElseThrow(() -> gifts.missing(id))));
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
            return gifts.update(caller, id, patch);
        }
        // A new amount is checked against the refunds recorded, with the gift held as a refund holds it.
        return locks.one(GiftRecords.lockName(id), () -> gifts.find(caller, id)
                .invoke(gift -> GiftRefunds.requireAmountFits(gift, patch.get("amount")))
                .chain(() -> gifts.update(caller, id, patch)));
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelopes.Data> delete(@PathParam("id") String id) {
        return gifts.delete(callers.interactive("gift.delete"), id);
    }
}
