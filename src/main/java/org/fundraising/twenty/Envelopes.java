package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The original's answer bodies, as records: one record under a named key ({@code {data:{gift}}},
 * {@code {data:{createGift}}}), and a page of records with Twenty's {@code pageInfo} and {@code totalCount} and
 * the original's {@code meta} ({@code hasMore}, {@code nextCursor}).
 */
public final class Envelopes {

    /** {@code {data:{<key>: value}}}. */
    public record Data(Map<String, Object> data) {
    }

    /** {@code {data:{<plural>:[…]}, totalCount, pageInfo, meta}}. */
    public record Page(Map<String, List<ObjectNode>> data, long totalCount, PageInfo pageInfo, PageMeta meta) {
    }

    /** Twenty's cursors for the page. */
    public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
    }

    /** The original's paging summary: whether there is more, and the cursor that reads it. */
    public record PageMeta(boolean hasMore, String nextCursor, long totalCount) {
    }

    private Envelopes() {
    }

    public static Data data(String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, value);
        return new Data(data);
    }

    public static Page page(String plural, TwentyPage page) {
        return new Page(Map.of(plural, page.records()), page.totalCount(),
                new PageInfo(page.hasNextPage(), page.hasPreviousPage(), page.startCursor(), page.endCursor()), meta(page));
    }

    public static PageMeta meta(TwentyPage page) {
        return new PageMeta(page.hasNextPage(), page.hasNextPage() ? page.endCursor() : null, page.totalCount());
    }
}
