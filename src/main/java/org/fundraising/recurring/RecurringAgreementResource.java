package org.fundraising.recurring;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
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
import org.fundraising.platform.Ids;
import org.fundraising.platform.Vocabulary;
import org.fundraising.twenty.Envelopes;
import org.fundraising.platform.InputSchema.Kind;
import org.fundraising.platform.InputSchema;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;

import java.util.List;
import java.util.Set;
import org.fundraising.twenty.schema.FundraisingSchema;

/** Recurring agreements, validated (the original passed them through): vocabularies, money, dates. */
@Path("/api/fundraising/recurring-agreements")
@Tag(name = "recurring-agreements")
@Produces(MediaType.APPLICATION_JSON)
public class RecurringAgreementResource {

    static final String OBJECT = FundraisingSchema.RECURRING_AGREEMENT.plural();
    /** An agreement's standing: delinquent after repeated failed payments, active again when one is paid. */
    public enum Status { ACTIVE, PAUSED, CANCELED, COMPLETED, DELINQUENT }

    /** Who collects the payments. */
    public enum Provider { STRIPE, GOCARDLESS, MANUAL, IMPORTED }

    static final Set<String> STATUSES = Vocabulary.of(Status.class);
    static final Set<String> PROVIDERS = Vocabulary.of(Provider.class);

    public static final InputSchema<RecurringAgreementInput> SCHEMA = InputSchema.of("Recurring agreement", RecurringAgreementInput.class)
            .custom("amount", Kind.MONEY, InputSchema::positiveMoney);

    private final TwentyObject agreements;
    private final TwentyCallers callers;

    RecurringAgreementResource(TwentyClient twenty, TwentyCallers callers) {
        this.agreements = new TwentyObject(twenty, OBJECT, "recurringAgreement", "Recurring agreement");
        this.callers = callers;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create an agreement; answers 200 {data:{createRecurringAgreement}} as the original did")
    @RequestBody(content = @Content(schema = @Schema(ref = "RecurringAgreementInput")))
    public Uni<Envelopes.Data> create(JsonNode body) {
        return agreements.create(callers.interactive("recurring.create"), SCHEMA.create(body).sent());
    }

    @GET
    @Operation(summary = "List with native filters: status(es), donorId (or contactId), provider; limit and cursor")
    public Uni<Envelopes.Page> list(@BeanParam AgreementListParams params, @BeanParam NativeListParams twentyParams) {
        return agreements.list(callers.interactive("recurring.list"), twentyParams.applyTo(params.query()));
    }

    @GET
    @Path("{id}")
    public Uni<Envelopes.Data> get(@PathParam("id") String id) {
        return agreements.get(callers.interactive("recurring.get"), id);
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RequestBody(content = @Content(schema = @Schema(ref = "RecurringAgreementInput")))
    public Uni<Envelopes.Data> update(@PathParam("id") String id, JsonNode body) {
        Ids.requireUuid("id", id);
        return agreements.update(callers.interactive("recurring.update"), id, SCHEMA.update(body).sent());
    }

    @DELETE
    @Path("{id}")
    public Uni<Envelopes.Data> delete(@PathParam("id") String id) {
        return agreements.delete(callers.interactive("recurring.delete"), id);
    }
}
