package org.fundraising.staging;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.gift.GiftDraft;
import org.fundraising.gift.GiftInput;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.Idempotency;
import org.fundraising.platform.Ids;
import org.fundraising.platform.store.RecordLocks;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.fundraising.twenty.TwentyQuery;
import org.jboss.resteasy.reactive.RestResponse;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The gift staging queue, on by default: intake, review, edits and processing. */
@Path("/api/fundraising/gift-staging")
@Tag(name = "gift-staging")
@Produces(MediaType.APPLICATION_JSON)
public class StagingResource {

    private final TwentyClient twenty;
    private final TwentyCallers callers;
    private final StagingIntake intake;
    private final Idempotency idempotency;
    private final FundraisingConfig config;
    private final RecordLocks locks;
    private final BatchLedger ledger;
    private final TwentyObject rows;

    StagingResource(TwentyClient twenty, TwentyCallers callers, StagingIntake intake, Idempotency idempotency,
                    FundraisingConfig config, RecordLocks locks, BatchLedger ledger) {
        this.twenty = twenty;
        this.callers = callers;
        this.intake = intake;
        this.idempotency = idempotency;
        this.config = config;
        this.locks = locks;
        this.ledger = ledger;
        this.rows = new TwentyObject(twenty, StagingRecords.OBJECT, "giftStaging", "Gift staging record");
    }

    @GET
    @Operation(summary = "The queue with native filters: statuses (processing or dedupe values), intakeSources, search, "
            + "recurringAgreementId, giftBatchId|batchId; sort=createdAt|updatedAt|giftDate|amount:asc|desc; limit, cursor")
    public Uni<StagingRow.Page> list(@BeanParam StagingListParams params, @BeanParam NativeListParams twentyParams) {
        enabled();
        TwentyQuery query = twentyParams.applyTo(params.query());
        return twenty.list(callers.interactive("staging.list"), StagingRecords.OBJECT, query)
                .map(page -> new StagingRow.Page(page.records().stream().map(StagingRecords::listItem).toList(), Envelopes.meta(page)));
    }

    @GET
    @Path("{id}")
    public Uni<StagingRow.One> get(@PathParam("id") String id) {
        enabled();
        return twenty.findById(callers.interactive("staging.get"), StagingRecords.OBJECT, Ids.requireUuid("id", id), 0)
                .map(found -> StagingRow.One.of(StagingRecords.detail(found.orElseThrow(() -> rows.missing(id)))));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stage a gift for review (never posted, never creates a donor); honours Idempotency-Key (24 h)")
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftStagingCreate")))
    public Uni<RestResponse<JsonNode>> create(JsonNode body, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        enabled();
        String key = Idempotency.checkedKey(idempotencyKey);
        GiftDraft draft = GiftInput.read(body, StagingIntake.SCHEMA, GiftInput.Route.STAGING, LocalDate.now(config.timezone()));
        String stagingId = key == null ? UUID.randomUUID().toString() : Ids.derived("intake:gift-staging:" + key);
        TwentyCaller caller = callers.interactive("staging.create");
        return idempotency.once("gift-staging", key, body, 201, () -> intake.evidenceForReview(caller, draft)
                        .chain(evidence -> ledger.moving(caller, null, BatchLedger.Entry.of(draft.columns()),
                                () -> intake.stage(caller, stagingId, draft, evidence, false), staged -> !staged.alreadyExisted()))
                        .map(staged -> StagingRecords.acknowledgement(staged.row())))
                .map(Idempotency.Answer::toResponse);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Edit a row: absent = unchanged, null = cleared, in the columns and the audit copy")
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftStagingUpdate")))
    public Uni<StagingRow.One> update(@PathParam("id") String id, JsonNode body) {
        enabled();
        ObjectNode edits = StagingEdits.EDITABLE.update(body).sent();
        TwentyCaller caller = callers.interactive("staging.update");
        Ids.requireUuid("id", id);
        // Held like a processing of the row: an edit never lands on a row whose gift is being posted from it.
        return locks.one(StagingRecords.lockName(id), () -> rows.find(caller, id)
                .invoke(StagingResource::requireEditable)
                .chain(row -> updated(caller, row, StagingEdits.patch(row, edits)))
                .map(updated -> StagingRow.One.of(StagingRecords.detail(updated))));
    }

    /** The row patched; its batches' totals follow when it moves between batches or its amount changes inside one. */
    private Uni<ObjectNode> updated(TwentyCaller caller, ObjectNode row, ObjectNode patch) {
        String id = row.path("id").asText();
        return ledger.moving(caller, BatchLedger.Entry.of(row), BatchLedger.Entry.of(row.deepCopy().setAll(patch)),
                () -> rows.updated(caller, id, patch), updated -> true);
    }

    /** A processed row is the record of what was posted: it changes no more (its gift is edited instead). */
    private static void requireEditable(JsonNode row) {
        if (StagingStatuses.PROCESSED.equals(row.path("processingStatus").asText())) {
            String giftId = StagingRecords.text(row, "giftId");
            throw new ApiException(409, "This row is processed and read-only" + (giftId == null ? ""
                    : ": its gift is " + giftId + "; edit the gift instead"),
                    List.of(new FieldError("processingStatus", "processed" + (giftId == null ? "" : " into gift " + giftId))), null);
        }
    }

    @PATCH
    @Path("{id}/status")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set statuses (checked against their vocabularies), errorDetail, giftBatchId or the audit copy: {ok:true}")
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftStagingStatus")))
    public Uni<StagingRow.Done> status(@PathParam("id") String id, JsonNode body) {
        enabled();
        Ids.requireUuid("id", id);
        if (body != null && body.isObject() && body.isEmpty()) {
            return Uni.createFrom().item(StagingRow.Done.OK);
        }
        ObjectNode patch = StagingEdits.STATUS.update(body).sent();
        TwentyCaller caller = callers.interactive("staging.status");
        // Moving the row between batches moves its amount between their totals: read it, under its hold, first.
        Uni<ObjectNode> written = !patch.has("giftBatchId") ? rows.updated(caller, id, patch)
                : locks.one(StagingRecords.lockName(id), () -> rows.find(caller, id).chain(row -> updated(caller, row, patch)));
        return written.replaceWith(StagingRow.Done.OK);
    }

    private void enabled() {
        StagingSwitch.requireOn(config);
    }
}
