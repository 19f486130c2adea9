package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/** One page of a Twenty list, with Twenty's own paging facts. */
public record TwentyPage(List<ObjectNode> records, long totalCount, boolean hasNextPage, boolean hasPreviousPage,
                         String startCursor, String endCursor) {
}
