package org.fundraising.gift;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Envelopes;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.NativeListParams;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyCallers;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The gift records themselves: list, read, edit, delete (intake is {@code POST /gifts} in the intake package). */
@Path("/api/fundraising/gifts")
@Tag(name = "gifts")
@Produces(MediaType.APPLICATION_JSON)
public class GiftResource {

    private static final Map<String, String> SORTABLE = Map.of("giftDate", "giftDate", "createdAt", "createdAt",
            "updatedAt", "updatedAt", "amount", "amount.amountMicros", "amount.amountMicros", "amount.amountMicros");

    private final TwentyClient twenty;
    private final TwentyCallers callers;

    GiftResource(TwentyClient twenty, TwentyCallers callers) {
        this.twenty = twenty;
        this.callers = callers;
    }

    @GET
    @Operation(summary = "List gifts with native filters: donorId|contactId, companyId, appealId, giftPayoutId, "
            + "recurringAgreementId, giftBatchId, intakeSources, search; sort=giftDate|createdAt|updatedAt|amount:asc|desc; "
            + "limit (≤ 60 a page) and cursor. Twenty's own filter/order_by are honoured too.")
    public Uni<Map<String, Object>> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor,
                                         @QueryParam("sort") String sort, @QueryParam("search") String search,
                                         @QueryParam("donorId") String donorId, @QueryParam("contactId") String contactId,
                                         @QueryParam("companyId") String companyId, @QueryParam("appealId") String appealId,
                                         @QueryParam("giftPayoutId") String giftPayoutId,
                                         @QueryParam("recurringAgreementId") String recurringAgreementId,
                                         @QueryParam("giftBatchId") String giftBatchId,
                                         @QueryParam("intakeSource") List<String> intakeSource,
                                         @QueryParam("intakeSources") List<String> intakeSources,
                                         @BeanParam NativeListParams twentyParams) {
        Set<String> sources = Paging.values(intakeSource, intakeSources);
        String donor = donorId != null ? donorId : contactId;
        String combined = Filters.and(
                idFilter(donorId != null ? "donorId" : "contactId", "donorId", donor),
                idFilter("companyId", "companyId", companyId),
                idFilter("appealId", "appealId", appealId),
                idFilter("giftPayoutId", "giftPayoutId", giftPayoutId),
                idFilter("recurringAgreementId", "recurringAgreementId", recurringAgreementId),
                idFilter("giftBatchId", "giftBatchId", giftBatchId),
                sources.isEmpty() ? null : Filters.in("intakeSource", sources),
                Filters.or(Filters.contains("name", search), Filters.contains("donorFirstName", search),
                        Filters.contains("donorLastName", search), Filters.contains("donorEmail", search),
                        Filters.contains("externalId", search)));
        TwentyQuery query = twentyParams.applyTo(Paging.query(limit, cursor, TwentyQuery.MAX_LIMIT).withFilter(combined)
                .withOrderBy(Paging.orderBy(sort, SORTABLE, "createdAt[DescNullsLast]")));
        return twenty.list(callers.interactive("gift.list"), GiftRecords.OBJECT, query)
                .map(page -> Envelopes.page(GiftRecords.OBJECT, page));
    }

    @GET
    @Path("{id}")
    public Uni<Map<String, Object>> get(@PathParam("id") String id, @QueryParam("depth") String depth) {
        return twenty.findById(callers.interactive("gift.get"), GiftRecords.OBJECT, Ids.requireUuid("id", id), depth(depth))
                .map(found -> Envelopes.data("gift", found.orElseThrow(() -> missing(id))));
    }

    @PATCH
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Map<String, Object>> update(@PathParam("id") String id, JsonNode body) {
        return twenty.update(callers.interactive("gift.update"), GiftRecords.OBJECT, Ids.requireUuid("id", id),
                        GiftInput.readUpdate(body))
                .map(updated -> Envelopes.data("updateGift", updated.orElseThrow(() -> missing(id))));
    }

    @DELETE
    @Path("{id}")
    public Uni<Map<String, Object>> delete(@PathParam("id") String id) {
        return twenty.delete(callers.interactive("gift.delete"), GiftRecords.OBJECT, Ids.requireUuid("id", id), false)
                .map(deleted -> {
                    if (!deleted) {
                        throw missing(id);
                    }
                    return Envelopes.data("deleteGift", Map.of("id", id));
                });
    }

    private static String idFilter(String parameter, String column, String value) {
        return value == null || value.isBlank() ? null : Filters.eq(column, Ids.requireUuid(parameter, value.trim()));
    }

    static int depth(String depth) {
        if (depth == null || depth.isBlank()) {
            return 0;
        }
        return switch (depth.trim()) {
            case "0" -> 0;
            // Current Twenty allows 0 or 1; the original's 2 is served as 1.
            case "1", "2" -> 1;
            default -> throw ApiException.badRequest("depth must be 0, 1 or 2", List.of(new FieldError("depth", "must be 0, 1 or 2")));
        };
    }

    private static ApiException missing(String id) {
        return ApiException.notFound("Gift " + id + " not found");
    }
}
