package org.fundraising.payout;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** The payout list's parameters, all turned into Twenty's filter; newest deposit first unless sorted. */
public record PayoutListParams(
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("statuses") @Parameter(description = "Comma-separated or repeated") List<String> statuses,
        @QueryParam("sourceSystems") @Parameter(description = "Comma-separated or repeated") List<String> sourceSystems,
        @QueryParam("search") @Parameter(description = "Part of the payout reference or the note") String search,
        @QueryParam("sort") @Parameter(description = "depositDate|createdAt|updatedAt|depositGrossAmount, then :asc or :desc") String sort) {

    private static final Map<String, String> SORTABLE = Map.of("depositDate", "depositDate", "createdAt", "createdAt",
            "updatedAt", "updatedAt", "depositGrossAmount", "depositGrossAmount.amountMicros");

    TwentyQuery query() {
        Set<String> wanted = Paging.checkedValues("statuses", GiftPayoutResource.STATUSES, statuses);
        Set<String> sources = Paging.values(sourceSystems);
        String filter = Filters.and(
                wanted.isEmpty() ? null : Filters.in("status", wanted),
                sources.isEmpty() ? null : Filters.in("sourceSystem", sources),
                Filters.or(Filters.contains("payoutReference", search), Filters.contains("note", search)));
        return Paging.query(limit, cursor, 50).withFilter(filter)
                .withOrderBy(Paging.orderBy(sort, SORTABLE, "depositDate[DescNullsLast]"));
    }
}
