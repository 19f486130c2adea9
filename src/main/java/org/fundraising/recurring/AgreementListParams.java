package org.fundraising.recurring;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.List;
import java.util.Set;

/** The agreement list's parameters, all turned into Twenty's filter; newest first. */
public record AgreementListParams(
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("status") @Parameter(description = "The original's name for statuses") List<String> status,
        @QueryParam("statuses") @Parameter(description = "Comma-separated or repeated") List<String> statuses,
        @QueryParam("donorId") String donorId,
        @QueryParam("contactId") @Parameter(description = "The original's name for donorId") String contactId,
        @QueryParam("provider") @Parameter(description = "Comma-separated or repeated") List<String> provider) {

    TwentyQuery query() {
        Set<String> wanted = Paging.checkedValues("statuses", RecurringAgreementResource.STATUSES, status, statuses);
        Set<String> providers = Paging.checkedValues("provider", RecurringAgreementResource.PROVIDERS, provider);
        String donor = donorId != null ? Ids.requireUuid("donorId", donorId)
                : contactId != null ? Ids.requireUuid("contactId", contactId) : null;
        String filter = Filters.and(
                wanted.isEmpty() ? null : Filters.in("status", wanted),
                providers.isEmpty() ? null : Filters.in("provider", providers),
                donor == null ? null : Filters.eq("donorId", donor));
        return Paging.query(limit, cursor, 50).withFilter(filter).withOrderBy("createdAt[DescNullsLast]");
    }
}
