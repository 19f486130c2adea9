package org.fundraising.twenty;

import java.util.LinkedHashMap;
import java.util.Map;

/** Twenty's native list parameters; only these reach Twenty (it ignores anything else). */
public record TwentyQuery(String filter, String orderBy, Integer limit, Integer depth, String startingAfter,
                          String endingBefore) {

    public static final int MAX_LIMIT = 60;

    public static TwentyQuery all() {
        return new TwentyQuery(null, null, null, 0, null, null);
    }

    public TwentyQuery withFilter(String value) {
        return new TwentyQuery(value, orderBy, limit, depth, startingAfter, endingBefore);
    }

    public TwentyQuery withOrderBy(String value) {
        return new TwentyQuery(filter, value, limit, depth, startingAfter, endingBefore);
    }

    public TwentyQuery withLimit(Integer value) {
        return new TwentyQuery(filter, orderBy, value, depth, startingAfter, endingBefore);
    }

    public TwentyQuery withDepth(Integer value) {
        return new TwentyQuery(filter, orderBy, limit, value, startingAfter, endingBefore);
    }

    public TwentyQuery after(String cursor) {
        return new TwentyQuery(filter, orderBy, limit, depth, cursor, null);
    }

    public TwentyQuery before(String cursor) {
        return new TwentyQuery(filter, orderBy, limit, depth, null, cursor);
    }

    Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "filter", filter);
        put(params, "order_by", orderBy);
        put(params, "limit", limit == null ? null : String.valueOf(Math.min(limit, MAX_LIMIT)));
        // Releases disagree on the default depth, so it is always sent.
        put(params, "depth", String.valueOf(depth == null ? 0 : depth));
        put(params, "starting_after", startingAfter);
        put(params, "ending_before", endingBefore);
        return params;
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(key, value);
        }
    }
}
