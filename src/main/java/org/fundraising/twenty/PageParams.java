package org.fundraising.twenty;

import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** The original's paging of a list that has no filters of its own: a page size and the cursor of the next page. */
public record PageParams(
        @QueryParam("limit") @Parameter(description = "Page size, at most 60 (Twenty's page)") String limit,
        @QueryParam("cursor") @Parameter(description = "meta.nextCursor of the previous page") String cursor) {

    /** The page asked for, {@code defaultLimit} records when no size is given. */
    public TwentyQuery query(int defaultLimit) {
        return Paging.query(limit, cursor, defaultLimit);
    }
}
