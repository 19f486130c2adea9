package org.fundraising.crm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.InputSchema;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.NameSearchParams;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyObject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fundraising.twenty.schema.FundraisingSchema;

/** Company and opportunity search with Twenty's native filters, and the opportunity stage/close-date update. */
@Path("/api/fundraising")
@Tag(name = "companies-and-opportunities")
@Produces(MediaType.APPLICATION_JSON)
public class CompanyOpportunityResource {


    private final TwentyObject companies;
    private final TwentyObject opportunities;
    private final TwentyCallers callers;

    CompanyOpportunityResource(TwentyClient twenty, TwentyCallers callers) {
        this.companies = new TwentyObject(twenty, FundraisingSchema.COMPANY.plural(), FundraisingSchema.COMPANY.singular(), "Company");
        this.opportunities = new TwentyObject(twenty, FundraisingSchema.OPPORTUNITY.plural(),
                FundraisingSchema.OPPORTUNITY.singular(), "Opportunity");
        this.callers = callers;
    }

    @GET
    @Path("companies/search")
    @Operation(summary = "Companies whose name contains search, by name (limit 20 by default)")
    public Uni<Envelopes.Page> companies(@BeanParam NameSearchParams params, @BeanParam NativeListParams twentyParams) {
        return companies.list(callers.interactive("company.search"), twentyParams.applyTo(params.query(20)));
    }

    @GET
    @Path("opportunities/search")
    @Operation(summary = "Opportunities by name, company, point of contact, stage(s), type(s); orderBy like -updatedAt")
    public Uni<Envelopes.Page> opportunities(@BeanParam OpportunitySearchParams params, @BeanParam NativeListParams twentyParams) {
        return opportunities.list(callers.interactive("opportunity.search"), twentyParams.applyTo(params.query()));
    }

    @PATCH
    @Path("opportunities/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change stage (upper-cased) and/or closeDate; nothing else")
    public Uni<Envelopes.Data> updateOpportunity(@PathParam("id") String id, JsonNode body) {
        ObjectNode patch = JsonNodeFactory.instance.objectNode();
        List<FieldError> errors = new ArrayList<>();
        if (body != null && body.isObject()) {
            JsonNode stage = body.get("stage");
            if (stage != null && !stage.isNull()) {
                if (!stage.isTextual() || stage.asText().isBlank()) {
                    errors.add(new FieldError("stage", "must be a non-empty string"));
                } else {
                    patch.put("stage", stage.asText().trim().toUpperCase(Locale.ROOT));
                }
            }
            JsonNode closeDate = body.get("closeDate");
            if (closeDate != null) {
                if (closeDate.isNull()) {
                    patch.putNull("closeDate");
                } else {
                    try {
                        patch.put("closeDate", InputSchema.date(closeDate).toString());
                    } catch (IllegalArgumentException e) {
                        errors.add(new FieldError("closeDate", e.getMessage()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors.get(0).field() + " " + errors.get(0).message(), errors);
        }
        if (patch.isEmpty()) {
            throw ApiException.badRequest("No supported fields provided for opportunity update", List.of());
        }
        return opportunities.update(callers.interactive("opportunity.update"), id, patch);
    }
}
