package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.twenty.Envelopes;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.InputSchema;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.PageParams;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;
import org.fundraising.twenty.schema.FundraisingSchema;

import org.fundraising.twenty.TwentyCaller;
import org.jboss.resteasy.reactive.RestResponse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Gift batches: a deposit's gifts gathered for review and processing, with what the deposit should come to
 * ({@code expectedCount}, {@code expectedAmount}) beside what has been staged into it ({@code totalCount},
 * {@code totalAmount}), and CSV import into one.
 */
@Path("/api/fundraising/gift-batches")
@Tag(name = "gift-batches")
@Produces(MediaType.APPLICATION_JSON)
public class GiftBatchResource {

    /** Where a batch's gifts came from. */
    public enum Source { MANUAL, CSV, WEBHOOK, IMPORT }

    /** A batch's life: open for rows, under review, processing, then its outcome, then closed. */
    public enum Status { OPEN, REVIEWING, PROCESSING, PROCESSED, PROCESSED_WITH_ISSUES, PROCESS_FAILED, CLOSED }

    /**
     * What a person sets on a batch; its totals are kept by the service as rows are staged into it. The default
     * appeal and fund fill the rows of an import that leave them blank.
     */
    public static final InputSchema<GiftBatchInput> SCHEMA = InputSchema.of("Gift batch", GiftBatchInput.class)
            .custom("expectedAmount", Kind.MONEY, InputSchema::positiveMoney);

    private final TwentyObject batches;
    private final TwentyCallers callers;
    private final CsvImport imports;
    private final CsvMappings mappings;
    private final ObjectMapper json;
    private final BatchRuns runs;

    GiftBatchResource(TwentyClient twenty, TwentyCallers callers, CsvImport imports, CsvMappings mappings, ObjectMapper json,
                      BatchRuns runs) {
        this.runs = runs;
        this.mappings = mappings;
        this.batches = new TwentyObject(twenty, FundraisingSchema.GIFT_BATCH.plural(), FundraisingSchema.GIFT_BATCH.singular(), "Gift batch");
        this.callers = callers;
        this.imports = imports;
        this.json = json;
    }

    @GET
    @Operation(summary = "List gift batches, newest first; Twenty's filter (e.g. id[in]:[…] for labels), order_by, limit and cursor")
    public Uni<Envelopes.Page> list(@BeanParam PageParams params, @BeanParam NativeListParams twentyParams) {
        return batches.list(callers.interactive("gift-batch.list"),
                twentyParams.applyTo(params.query(60).withOrderBy("createdAt[DescNullsLast]")));
    }

    @GET
    @Path("{id}")
    public Uni<Envelopes.Data> get(@PathParam("id") String id) {
        return batches.get(callers.interactive("gift-batch.get"), id);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftBatchInput")))
    @Operation(summary = "Create a batch (status open, source manual unless given)")
    public Uni<Envelopes.Data> create(JsonNode body) {
        ObjectNode batch = SCHEMA.create(body).sent();
        if (!batch.hasNonNull("status")) {
            batch.put("status", "open");
        }
        if (!batch.hasNonNull("source")) {
            batch.put("source", "manual");
        }
        batch.put("totalCount", 0);
        return batches.create(callers.interactive("gift-batch.create"), batch);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "GiftBatchInput")))
    public Uni<Envelopes.Data> update(@PathParam("id") String id, JsonNode body) {
        return batches.update(callers.interactive("gift-batch.update"), id, SCHEMA.update(body).sent());
    }

    @POST
    @Path("{id}/import")
    // The body is read as CSV whatever type it is sent as (curl --data-binary sends a form type): a body that is
    // not a CSV of gifts is a 400 saying what is missing, after the caller's token was checked.
    @Consumes(MediaType.WILDCARD)
    @RequestBody(content = @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)))
    @Operation(summary = "Stage a CSV's gifts into the batch, as a run: columns first_name, last_name, email, amount (12.50), "
            + "currency, gift_date, payment_method, external_id, appeal_id, fund_id, notes (headers in any case, with or "
            + "without underscores; mapping={\"Donor First\":\"first_name\"} renames others). Every row is checked first: "
            + "bad rows are listed in the run's import.rejected with row, column and reason and are not written; the good "
            + "ones are staged 60 to a call while the run goes on (follow it at import/{runId} or its events). Uploading "
            + "the same file again stages nothing twice. The body is read as CSV whatever its Content-Type.")
    @APIResponse(responseCode = "202", description = "Checked and started: the run's first snapshot, with the refused rows",
            content = @Content(schema = @Schema(implementation = RunSnapshot.class)))
    @APIResponse(responseCode = "409", description = "An import into the batch is running: details[0] is its snapshot")
    @APIResponse(responseCode = "413", description = "More rows than one import takes")
    public Uni<RestResponse<RunSnapshot>> importCsv(@PathParam("id") String id, @QueryParam("mapping") String mapping,
                                                    @QueryParam("mappingName") String mappingName, byte[] body) {
        byte[] csv = body == null ? new byte[0] : body;
        Uni<Map<String, String>> columns;
        if (mappingName != null && !mappingName.isBlank()) {
            if (mapping != null && !mapping.isBlank()) {
                throw ApiException.badRequest("Give mapping or mappingName, not both", List.of(new FieldError("mapping",
                        "cannot be combined with mappingName")));
            }
            columns = mappings.get(mappingName);
        } else {
            columns = Uni.createFrom().item(mapping(mapping));
        }
        LongAdder reads = new LongAdder();
        TwentyCaller caller = callers.interactive("gift-batch.import.start").counting(reads);
        return columns.chain(chosen -> imports.prepare(caller, id, csv, chosen))
                .chain(prepared -> runs.start(id, RunType.IMPORT, null, List.of(), prepared, reads.sum()))
                .map(snapshot -> RestResponse.status(RestResponse.Status.ACCEPTED, snapshot));
    }

    @PUT
    @Path("csv-mappings/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save a CSV column mapping ({\"Header as written\": \"known column\"}) under a name, for imports "
            + "of the same kind of file to use with mappingName=")
    @APIResponse(responseCode = "200", description = "Saved: the mapping as kept")
    @APIResponse(responseCode = "400", description = "Not an object of header → known column, or a bad name")
    public Uni<Map<String, String>> saveMapping(@PathParam("name") String name, JsonNode body) {
        return mappings.save(name, CsvMappings.checked(body));
    }

    @GET
    @Path("csv-mappings/{name}")
    @Operation(summary = "A saved CSV column mapping")
    @APIResponse(responseCode = "200", description = "The mapping: header as written → known column")
    @APIResponse(responseCode = "404", description = "No mapping is saved under that name")
    public Uni<Map<String, String>> savedMapping(@PathParam("name") String name) {
        return mappings.get(name);
    }

    /** {@code {"Header as written": "known column"}}; every target must be a column the import knows. */
    private Map<String, String> mapping(String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return CsvMappings.checked(json.readTree(text));
        } catch (IOException e) {
            throw ApiException.badRequest("mapping must be a JSON object such as {\"Donor First\":\"first_name\"}",
                    List.of(new FieldError("mapping", "must be a JSON object of header → column")));
        }
    }
}
