package org.fundraising.intake;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Idempotency;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.TwentyCallers;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.util.UUID;

/** {@code POST /gifts}: a gift taken in from a person or a program, staged and, when it may be, posted at once. */
@Path("/api/fundraising/gifts")
@Tag(name = "gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftIntakeResource {

    private final GiftIntake intake;
    private final TwentyCallers callers;
    private final Idempotency idempotency;
    private final FundraisingConfig config;

    GiftIntakeResource(GiftIntake intake, TwentyCallers callers, Idempotency idempotency, FundraisingConfig config) {
        this.intake = intake;
        this.callers = callers;
        this.idempotency = idempotency;
        this.config = config;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Take a gift in: {data:{createGift}} when posted now, else the staged acknowledgement "
            + "{data:{giftStaging}, meta:{stagedOnly:true, processingDiagnostics}}; 409 donor_email_conflict when a new "
            + "donor's email is someone else's. Honours Idempotency-Key (24 h).")
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftCreate")))
    @APIResponse(responseCode = "200", description = "Posted, or staged for review",
            content = @Content(schema = @Schema(ref = "GiftCreated")))
    @APIResponse(responseCode = "409", description = "donor_email_conflict: a new donor's email is another person's")
    public Uni<RestResponse<JsonNode>> create(JsonNode body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        String key = Idempotency.checkedKey(idempotencyKey);
        GiftDraft draft = GiftInput.read(body, LocalDate.now(config.timezone()));
        String stagingId = key == null ? UUID.randomUUID().toString() : Ids.derived("intake:gifts:" + key);
        return idempotency.once("gifts", key, body, 200,
                        () -> intake.intake(callers.interactive("gift.create"), stagingId, draft))
                .map(Idempotency.Answer::toResponse);
    }
}
