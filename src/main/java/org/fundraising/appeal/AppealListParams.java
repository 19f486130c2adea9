package org.fundraising.appeal;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.SafeText;
import org.fundraising.twenty.Filters;
import org.fundraising.twenty.Paging;
import org.fundraising.twenty.TwentyQuery;

import java.util.List;
import java.util.Set;

/** The appeal list's parameters: newest first unless sorted, a name search, paging. */
public record AppealListParams(
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor,
        @QueryParam("search") @Parameter(description = "Part of the name, any case") String search,
        @QueryParam("sort") @Parameter(description = "name|startDate|createdAt|updatedAt, then :asc or :desc") String sort) {

    private static final Set<String> SORTABLE = Set.of("name", "startDate", "createdAt", "updatedAt");

    TwentyQuery query() {
        return Paging.query(limit, cursor, 60).withFilter(Filters.contains("name", search)).withOrderBy(orderBy());
    }

    private String orderBy() {
        if (sort == null || sort.isBlank()) {
            // Newest first, so that an appeal just created is on the first page.
            return "createdAt[DescNullsLast]";
        }
        String[] parts = sort.trim().split(":", -1);
        if (!SORTABLE.contains(parts[0])) {
            throw ApiException.badRequest("sort must be name, startDate, createdAt or updatedAt",
                    List.of(new FieldError("sort", "unknown field " + SafeText.echo(parts[0], 40))));
        }
        boolean descending = parts.length > 1 && !Paging.ascending(parts);
        return parts[0] + (descending ? "[DescNullsLast]" : "[AscNullsLast]");
    }
}
