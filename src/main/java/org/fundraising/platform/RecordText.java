package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;

/** Text fields of Twenty records: Twenty answers "" for a text field never written, which means it has no value. */
public final class RecordText {

    private RecordText() {
    }

    /** The field's text, or null when it is missing, null or blank. */
    public static String of(JsonNode record, String field) {
        JsonNode value = record.path(field);
        return value.isValueNode() && !value.isNull() && !value.asText().isBlank() ? value.asText() : null;
    }

    public static boolean has(JsonNode record, String field) {
        return of(record, field) != null;
    }
}
