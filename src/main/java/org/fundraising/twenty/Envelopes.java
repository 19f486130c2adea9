package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
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
        return page(plural, page.records(), page);
    }

    public static Map<String, Object> page(String plural, List<ObjectNode> records, TwentyPage page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of(plural, records));
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
