package org.fundraising.twenty;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Twenty's envelopes, rebuilt for routes whose clients read Twenty's shapes ({@code {data:{createAppeal:…}}},
 * {@code {data:{appeals:[…]}, totalCount, pageInfo}}). Lists also get {@code meta.hasMore/nextCursor}.
 */
public final class Envelopes {

    private Envelopes() {
    }

    public static Map<String, Object> data(String key, Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(key, value);
        return Map.of("data", data);
    }

    public static Map<String, Object> page(String plural, TwentyPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of(plural, page.records()));
        body.put("totalCount", page.totalCount());
        body.put("pageInfo", pageInfo(page));
        body.put("meta", meta(page));
        return body;
    }

    public static Map<String, Object> meta(TwentyPage page) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("hasMore", page.hasNextPage());
        meta.put("nextCursor", page.hasNextPage() ? page.endCursor() : null);
        meta.put("totalCount", page.totalCount());
        return meta;
    }

    private static Map<String, Object> pageInfo(TwentyPage page) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("hasNextPage", page.hasNextPage());
        info.put("hasPreviousPage", page.hasPreviousPage());
        info.put("startCursor", page.startCursor());
        info.put("endCursor", page.endCursor());
        return info;
    }
}
