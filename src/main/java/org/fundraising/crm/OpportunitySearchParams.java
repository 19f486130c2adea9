package org.fundraising.crm;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.Ids;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/** The opportunity search's parameters, all turned into Twenty's filter; last updated first unless ordered. */
public record OpportunitySearchParams(
        @QueryParam("search") @Parameter(description = "Part of the name, any case") String search,
        @QueryParam("companyId") String companyId,
        @QueryParam("pointOfContactId") String pointOfContactId,
        @QueryParam("stage") @Parameter(description = "Comma-separated or repeated, any case") List<String> stage,
        @QueryParam("stages") @Parameter(description = "Comma-separated or repeated, any case") List<String> stages,
        @QueryParam("opportunityType") @Parameter(description = "Comma-separated or repeated") List<String> opportunityType,
        @QueryParam("opportunityTypes") @Parameter(description = "Comma-separated or repeated") List<String> opportunityTypes,
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("orderBy") @Parameter(description = "updatedAt|createdAt|name|closeDate, - first for descending") String orderBy) {

    private static final Set<String> SORTABLE = Set.of("updatedAt", "createdAt", "name", "closeDate");

    TwentyQuery query() {
        Set<String> wantedStages = Paging.values(stage, stages).stream().map(s -> s.toUpperCase(Locale.ROOT))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Set<String> wantedTypes = Paging.values(opportunityType, opportunityTypes);
        String filter = Filters.and(
                Filters.contains("name", search),
                companyId == null ? null : Filters.eq("companyId", Ids.requireUuid("companyId", companyId)),
                pointOfContactId == null ? null : Filters.eq("pointOfContactId", Ids.requireUuid("pointOfContactId", pointOfContactId)),
                wantedStages.isEmpty() ? null : Filters.in("stage", wantedStages),
                wantedTypes.isEmpty() ? null : Filters.in("opportunityType", wantedTypes));
        return Paging.query(limit, cursor, 20).withFilter(filter).withOrderBy(order());
    }

    /** {@code -updatedAt} (the default) is descending, {@code name} ascending. */
    private String order() {
        String value = orderBy == null || orderBy.isBlank() ? "-updatedAt" : orderBy.trim();
        boolean descending = value.startsWith("-");
        String field = descending ? value.substring(1) : value;
        if (!SORTABLE.contains(field)) {
            throw ApiException.badRequest("orderBy must be one of " + String.join(", ", SORTABLE.stream().sorted().toList())
                    + ", with - for descending", List.of(new FieldError("orderBy", "unknown field " + field)));
        }
        return field + (descending ? "[DescNullsLast]" : "[AscNullsLast]");
    }
}
