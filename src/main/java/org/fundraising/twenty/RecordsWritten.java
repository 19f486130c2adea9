package org.fundraising.twenty;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * Records this service has just written to Twenty (as Twenty answered them, or as found there later when the
 * answer to their create was lost) or deleted, announced as a CDI event after the call succeeded, whichever feature
 * made it. Observers must not block: they are called on the thread
 * that got Twenty's answer.
 */
public record RecordsWritten(String plural, List<ObjectNode> records, List<String> deletedIds) {

    public static RecordsWritten of(String plural, List<ObjectNode> records) {
        return new RecordsWritten(plural, List.copyOf(records), List.of());
    }

    public static RecordsWritten deleted(String plural, String id) {
        return new RecordsWritten(plural, List.of(), List.of(id));
    }
}
