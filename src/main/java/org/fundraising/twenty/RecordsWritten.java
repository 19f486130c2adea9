package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Records this service has just written to Twenty (as Twenty answered them, or as found there later when the
 * answer to their create was lost) or deleted, whichever feature made it: what {@link WritesFollower}s are told.
 */
public record RecordsWritten(String plural, List<ObjectNode> records, List<String> deletedIds) {

    public static RecordsWritten of(String plural, List<ObjectNode> records) {
        return new RecordsWritten(plural, List.copyOf(records), List.of());
    }

    public static RecordsWritten deleted(String plural, String id) {
        return new RecordsWritten(plural, List.of(), List.of(id));
    }
}
