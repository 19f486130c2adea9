package org.fundraising.batch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;

/** Reading staging rows as Twenty returns them, for the runs. */
final class StagingRows {

    private StagingRows() {
    }

    /** The row's diagnostics as a fresh object, whether Twenty returned the RAW_JSON as an object or as its text. */
    static ObjectNode diagnostics(ObjectMapper json, JsonNode row) {
        JsonNode value = row.path("processingDiagnostics");
        if (value.isTextual()) {
            try {
                value = json.readTree(value.asText());
            } catch (IOException unreadable) {
                value = null;
            }
        }
        return value != null && value.isObject() ? ((ObjectNode) value).deepCopy() : json.createObjectNode();
    }

    static String text(JsonNode row, String field) {
        JsonNode value = row.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
