package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON objects that arrive either as objects or, as the original's connectors wrote them, as strings holding one. */
public final class JsonText {

    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonText() {
    }

    /** A JSON object, or a string holding one; null for anything else. */
    public static JsonNode object(JsonNode value) {
        if (value.isObject()) {
            return value;
        }
        if (value.isTextual() && !value.asText().isBlank()) {
            try {
                JsonNode parsed = JSON.readTree(value.asText());
                return parsed != null && parsed.isObject() ? parsed : null;
            } catch (Exception unreadable) {
                return null;
            }
        }
        return null;
    }
}
