package org.fundraising.twenty;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Twenty's native list parameters; only these reach Twenty (it ignores anything else). */
public record TwentyQuery(String filter, String orderBy, Integer limit, Integer depth, String startingAfter,
                          String endingBefore, String fields) {

    /** The largest page a person may ask for: Twenty's documented maximum, honoured by every release. */
    public static final int MAX_LIMIT = 60;

    /**
     * The page size asked for when reading everything that matches. Twenty clamps a larger limit to its own maximum
     * without an error (60 in older releases, 200 in its current source), so asking 200 is safe everywhere and takes
     * a third of the calls where Twenty allows it.
     */
    static final int READ_ALL_LIMIT = 200;

    public static TwentyQuery all() {
        return new TwentyQuery(null, null, null, 0, null, null, null);
    }

    public TwentyQuery withFilter(String value) {
        return new TwentyQuery(value, orderBy, limit, depth, startingAfter, endingBefore, fields);
    }

    public TwentyQuery withOrderBy(String value) {
        return new TwentyQuery(filter, value, limit, depth, startingAfter, endingBefore, fields);
    }

    public TwentyQuery withLimit(Integer value) {
        return new TwentyQuery(filter, orderBy, value, depth, startingAfter, endingBefore, fields);
    }

    public TwentyQuery withDepth(Integer value) {
        return new TwentyQuery(filter, orderBy, limit, value, startingAfter, endingBefore, fields);
    }

    /**
     * Only these fields (and {@code id}) in each record: Twenty's newest releases honour it, older ones ignore the
     * parameter and send whole records, so a reader must not depend on the others being absent.
     */
    public TwentyQuery withFields(List<String> names) {
        return new TwentyQuery(filter, orderBy, limit, depth, startingAfter, endingBefore,
                names == null || names.isEmpty() ? null : String.join(",", names));
    }

    public TwentyQuery after(String cursor) {
        return new TwentyQuery(filter, orderBy, limit, depth, cursor, null, fields);
    }

    public TwentyQuery before(String cursor) {
        return new TwentyQuery(filter, orderBy, limit, depth, null, cursor, fields);
    }

    Map<String, String> toParams() {
        Map<String, String> params = new LinkedHashMap<>();
        put(params, "filter", filter);
        put(params, "order_by", orderBy);
        put(params, "limit", limit == null ? null : String.valueOf(Math.min(limit, READ_ALL_LIMIT)));
        // Releases disagree on the default depth, so it is always sent.
        put(params, "depth", String.valueOf(depth == null ? 0 : depth));
        put(params, "starting_after", startingAfter);
        put(params, "ending_before", endingBefore);
        put(params, "fields", fields);
        return params;
    }

    /**
     * A query parameter name or value as sent: percent-encoded except for the characters a query may carry as they
     * are ({@code : @ , ( )}), which Twenty's filters use a lot, so a long filter still fits a gateway's request line.
     */
    public static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20").replace("%3A", ":")
                .replace("%40", "@").replace("%2C", ",").replace("%28", "(").replace("%29", ")");
    }

    private static void put(Map<String, String> params, String key, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(key, value);
        }
    }
}
