package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fundraising.twenty.schema.FundraisingSchema;

/**
 * One REST call to Twenty, relative to its {@code /rest} base. {@code replay} says what may be sent again after
 * an answer that never came: only requests whose repetition cannot write twice.
 */
record TwentyRequest(String method, String path, Map<String, String> query, JsonNode body, Replay replay,
                     List<String> clientIds) {

    enum Replay {
        /** Reads, updates by id, upserts, deletes: sending twice changes nothing more. */
        SAFE,
        /** Creates that carry client-generated ids: a repeat answers "duplicate entry", read back as success. */
        CREATE_WITH_IDS
    }

    TwentyRequest {
        query = query == null ? Map.of() : new LinkedHashMap<>(query);
        clientIds = clientIds == null ? List.of() : List.copyOf(clientIds);
    }

    static TwentyRequest read(String path, Map<String, String> query) {
        return new TwentyRequest("GET", path, query, null, Replay.SAFE, null);
    }

    /** The cheapest call that needs a valid key and a working REST API: one person. */
    static TwentyRequest smallestRead() {
        return read(FundraisingSchema.PERSON.plural(), Map.of("limit", "1"));
    }

    String describe() {
        return method + " /rest/" + path;
    }
}
