package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
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
import org.fundraising.platform.Idempotency;
import org.fundraising.platform.Ids;
import org.fundraising.platform.StrictBodies;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code POST /gifts/:id/refunds}: a refund recorded on a gift, in two Twenty calls (read the gift, write it), with
 * the gift held meanwhile so that concurrent refunds add up instead of overwriting each other.
 */
@Path("/api/fundraising/gifts/{id}/refunds")
@Tag(name = "gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftRefundResource {

    private final TwentyObject gifts;
    private final TwentyCallers callers;
    private final Idempotency idempotency;
    private final RecordLocks locks;
    private final ObjectMapper json;

    GiftRefundResource(TwentyClient twenty, TwentyCallers callers, Idempotency idempotency, RecordLocks locks,
                       ObjectMapper json) {
        this.gifts = GiftRecords.object(twenty);
        this.callers = callers;
        this.idempotency = idempotency;
        this.locks = locks;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Record a refund {amount:{amountMicros, currencyCode}, date, note?} on the gift: refundedAmount "
            + "(running total), refundDate, refundNote, refundStatus NOT_REFUNDED|PARTIALLY_REFUNDED|FULLY_REFUNDED; the "
            + "gift's amount is unchanged. Honours Idempotency-Key (24 h)")
    @APIResponse(responseCode = "201", description = "{data:{gift}}: the gift with its refund recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(ref = "GiftData")))
    @APIResponse(responseCode = "400", description = "More than the gift has left to refund, another currency, or a date before the gift's")
    @APIResponse(responseCode = "404", description = "No such gift")
    @APIResponse(responseCode = "409", description = "Other changes to the gift kept it busy for 20 s: send again")
    @CustomDeserialization(StrictBodies.class)
    public Uni<RestResponse<JsonNode>> refund(@PathParam("id") String id,
                                              @Valid @NotNull(message = "is required: {amount, date, note?}") RefundRequest body,
                                              @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        Ids.requireUuid("id", id);
        String key = Idempotency.checkedKey(idempotencyKey);
        TwentyCaller caller = callers.interactive("gift.refund");
        // Refunds of one gift apply one after another, each reading the total the one before wrote.
        return idempotency.once("refunds:" + id, key, json.valueToTree(body), 201, () -> locks.one(GiftRecords.lockName(id),
                        () -> gifts.find(caller, id)
                                .chain(gift -> gifts.updated(caller, id, GiftRefunds.added(gift, body)))
                                .map(updated -> json.valueToTree(Envelopes.data("gift", updated)))))
                .map(Idempotency.Answer::toResponse);
    }
}
