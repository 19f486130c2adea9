package org.fundraising.twenty;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** A list searched by name: part of the name, a page size and the cursor of the next page. */
public record NameSearchParams(
        @QueryParam("search") @Parameter(description = "Part of the name, any case") String search,
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor) {

    /** The page asked for, by name, {@code defaultLimit} records when no size is given. */
    public TwentyQuery query(int defaultLimit) {
        return Paging.query(limit, cursor, defaultLimit).withFilter(Filters.contains("name", search)).withOrderBy("name[AscNullsLast]");
    }
}
