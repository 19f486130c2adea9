package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.Ids;
import org.fundraising.platform.StrictBodies;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.staging.BatchLedger;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyGate;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.RestStreamElementType;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/** The runs of a gift batch: start one, poll it, or follow it as Server-Sent Events. */
@Path("/api/fundraising/gift-batches/{batchId}")
@Tag(name = "gift-batches")
@Produces(MediaType.APPLICATION_JSON)
public class BatchRunResource {

    /** A create-donors start may also name the rows ({@code stagingIds}, at most 1,000); none named: every no_match row. */
    public static final InputSchema<CreateDonorsStart> CREATE_DONORS = InputSchema.of("Run start", CreateDonorsStart.class)
            .custom("stagingIds", Kind.JSON, BatchRunResource::stagingIds);

    private final BatchRuns runs;
    private final DonorMatchRun donorMatch;
    private final BatchProcessRun process;
    private final TwentyClient twenty;
    private final TwentyCallers callers;
    private final boolean requireTotalsMatch;
    private final TwentyGate gate;
    private final BatchLedger ledger;

    BatchRunResource(BatchRuns runs, DonorMatchRun donorMatch, BatchProcessRun process,
                     TwentyClient twenty, TwentyCallers callers, FundraisingConfig config, TwentyGate gate, BatchLedger ledger) {
        this.gate = gate;
        this.ledger = ledger;
        this.requireTotalsMatch = config.batch().requireTotalsMatch();
        this.runs = runs;
        this.donorMatch = donorMatch;
        this.process = process;
        this.twenty = twenty;
        this.callers = callers;
    }

    @POST
    @Path("process")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Started: the run's first snapshot",
            content = @Content(schema = @Schema(implementation = RunSnapshot.class)))
    @APIResponse(responseCode = "200", description = "dryRun: the plan, nothing started or written",
            content = @Content(schema = @Schema(implementation = RunPlan.class)))
    @APIResponse(responseCode = "409", description = "A process run of the batch is active: details[0] is its snapshot")
    @Operation(summary = "Post the gifts of the batch's unprocessed rows (60 to a call; recurring-linked rows one by one); "
            + "answers at once and runs on. {dryRun:true} answers the plan instead")
    @CustomDeserialization(StrictBodies.class)
    public Uni<RestResponse<Object>> startProcess(@PathParam("batchId") String batchId, @Valid RunStart body) {
        return startOrPlan(batchId, body, RunType.PROCESS_BATCH, process::plan, requireTotalsMatch);
    }

    @GET
    @Path("process/{runId}")
    public Uni<RunSnapshot> processRun(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.get(Ids.requireUuid("batchId", batchId), RunType.PROCESS_BATCH, Ids.requireUuid("runId", runId));
    }

    @GET
    @Path("process/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The process run's snapshot each time it changes, as Server-Sent Events, ending when the run ends")
    public Multi<RunSnapshot> processEvents(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.events(Ids.requireUuid("batchId", batchId), RunType.PROCESS_BATCH, Ids.requireUuid("runId", runId));
    }

    @GET
    @Path("import/{runId}")
    @Operation(summary = "An import run: its progress, and in import the rows staged, already there and refused")
    public Uni<RunSnapshot> importRun(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.get(Ids.requireUuid("batchId", batchId), RunType.IMPORT, Ids.requireUuid("runId", runId));
    }

    @GET
    @Path("import/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The import run's snapshot each time it changes, as Server-Sent Events, ending when the run ends")
    public Multi<RunSnapshot> importEvents(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.events(Ids.requireUuid("batchId", batchId), RunType.IMPORT, Ids.requireUuid("runId", runId));
    }

    @POST
    @Path("donor-match")
    @Consumes(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "202", description = "Started: the run's first snapshot",
            content = @Content(schema = @Schema(implementation = RunSnapshot.class)))
    @APIResponse(responseCode = "200", description = "dryRun: the plan, nothing started or written",
            content = @Content(schema = @Schema(implementation = RunPlan.class)))
    @APIResponse(responseCode = "409", description = "A donor-match run of the batch is active: details[0] is its snapshot")
    @Operation(summary = "Match every unresolved row of the batch to a donor (never creating one); answers at once and "
            + "runs on. {dryRun:true} answers the plan instead")
    @CustomDeserialization(StrictBodies.class)
    public Uni<RestResponse<Object>> startDonorMatch(@PathParam("batchId") String batchId, @Valid RunStart body) {
        return startOrPlan(batchId, body, RunType.DONOR_MATCH, donorMatch::plan, false);
    }

    @GET
    @Path("donor-match/{runId}")
    public Uni<RunSnapshot> donorMatch(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.get(Ids.requireUuid("batchId", batchId), RunType.DONOR_MATCH, Ids.requireUuid("runId", runId));
    }

    @GET
    @Path("donor-match/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The run's snapshot each time it changes, as Server-Sent Events, ending when the run ends")
    public Multi<RunSnapshot> donorMatchEvents(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.events(Ids.requireUuid("batchId", batchId), RunType.DONOR_MATCH, Ids.requireUuid("runId", runId));
    }

    @POST
    @Path("donor-match/create-donors/run")
    @Consumes(MediaType.APPLICATION_JSON)
    @ResponseStatus(202)
    @RequestBody(required = false, content = @Content(schema = @Schema(ref = "CreateDonorsStart")))
    @APIResponse(responseCode = "202", description = "Started: the run's first snapshot",
            content = @Content(schema = @Schema(implementation = RunSnapshot.class)))
    @APIResponse(responseCode = "409", description = "A create-donors run of the batch is active: details[0] is its snapshot")
    @Operation(summary = "Create a new donor for each named row ({stagingIds}), or for every row whose donor-match "
            + "verdict is no_match, 60 to a call, and link them; answers at once and runs on")
    public Uni<RunSnapshot> startCreateDonors(@PathParam("batchId") String batchId, JsonNode body) {
        CreateDonorsStart start = body == null || body.isNull() || (body.isObject() && body.isEmpty())
                ? new CreateDonorsStart(null, null) : CREATE_DONORS.create(body).fields();
        Integer maxRows = start.maxRows() == null ? null : start.maxRows().intValue();
        List<String> ids = start.stagingIds() == null ? List.of() : start.stagingIds().stream().distinct().toList();
        LongAdder reads = new LongAdder();
        TwentyCaller caller = callers.interactive("gift-batch.create-donors.start").counting(reads);
        return BatchReads.open(twenty, caller, batchId, RunType.CREATE_DONORS)
                .chain(rows -> runs.start(batchId, RunType.CREATE_DONORS, maxRows, ids, rows, reads.sum()));
    }

    @GET
    @Path("donor-match/create-donors/run/{runId}")
    public Uni<RunSnapshot> createDonorsRun(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.get(Ids.requireUuid("batchId", batchId), RunType.CREATE_DONORS, Ids.requireUuid("runId", runId));
    }

    @GET
    @Path("donor-match/create-donors/run/{runId}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @Operation(summary = "The create-donors run's snapshot each time it changes, as Server-Sent Events")
    public Multi<RunSnapshot> createDonorsEvents(@PathParam("batchId") String batchId, @PathParam("runId") String runId) {
        return runs.events(Ids.requireUuid("batchId", batchId), RunType.CREATE_DONORS, Ids.requireUuid("runId", runId));
    }

    private static JsonNode stagingIds(JsonNode value) {
        if (!value.isArray() || value.isEmpty() || value.size() > 1000) {
            throw new IllegalArgumentException("must be a list of 1 to 1000 staging row ids");
        }
        ArrayNode ids = JsonNodeFactory.instance.arrayNode();
        value.forEach(id -> {
            if (!id.isTextual() || !Ids.isUuid(id.asText().trim())) {
                throw new IllegalArgumentException("must hold only UUIDs");
            }
            ids.add(id.asText().trim());
        });
        return ids;
    }

    /** What a run would do, read without writing. */
    @FunctionalInterface
    interface Planner {
        Uni<PlanTally> plan(TwentyCaller caller, String batchId, Integer maxRows);
    }

    /**
     * A start: the batch must exist (and add up, where {@code totalsGuard}); {@code dryRun} answers the plan (200),
     * otherwise the run starts with its first page of rows read (202 with its first snapshot, 409 while one of the
     * type is active).
     */
    private Uni<RestResponse<Object>> startOrPlan(String batchId, RunStart body, RunType type, Planner planner,
                                                  boolean totalsGuard) {
        RunStart start = body == null ? RunStart.WHOLE_RUN : body;
        Integer maxRows = start.maxRows();
        LongAdder reads = new LongAdder();
        TwentyCaller caller = callers.interactive("gift-batch." + type.label() + ".start").counting(reads);
        if (start.planOnly()) {
            // The plan reads the rows as the run would: its reads are the run's, counted as they are made.
            return batch(caller, batchId).chain(batch -> {
                reads.reset();
                return planner.plan(callers.bulk("gift-batch." + type.label() + ".plan").counting(reads), batchId, maxRows);
            }).map(tally -> RestResponse.ok(tally.plan(batchId, type, gate.snapshot(), reads.sum())));
        }
        Uni<BatchReads.OpenRows> opened = totalsGuard
                ? batch(caller, batchId).call(batch -> BatchTotals.requireMatch(ledger, caller, batch))
                        .chain(() -> BatchReads.open(twenty, caller, batchId, type))
                : BatchReads.open(twenty, caller, batchId, type);
        return opened.chain(rows -> runs.start(batchId, type, maxRows, List.of(), rows, reads.sum()))
                .map(snapshot -> RestResponse.status(RestResponse.Status.ACCEPTED, snapshot));
    }

    private Uni<ObjectNode> batch(TwentyCaller caller, String batchId) {
        return BatchReads.batch(twenty, caller, batchId);
    }
}
