package org.fundraising.donor;

import com.fasterxml.jackson.databind.JsonNode;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;

import java.util.ArrayList;
import java.util.List;

/** The body of {@code POST /people/duplicates}, checked as the original did (names of 2+ characters). */
record DuplicatesQuery(String firstName, String lastName, String email, int depth) {

    static DuplicatesQuery read(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("Duplicate lookup payload must be an object.", List.of());
        }
        List<FieldError> errors = new ArrayList<>();
        String first = name(body, "firstName", errors);
        String last = name(body, "lastName", errors);
        String email = null;
        JsonNode rawEmail = body.get("email");
        if (rawEmail != null && !rawEmail.isNull()) {
            if (!rawEmail.isTextual() || rawEmail.asText().isBlank()) {
                errors.add(new FieldError("email", "if provided, must be a non-empty string"));
            } else {
                email = rawEmail.asText().trim();
            }
        }
        int depth = 1;
        JsonNode rawDepth = body.get("depth");
        if (rawDepth != null && !rawDepth.isNull()) {
            if (!rawDepth.isIntegralNumber() || rawDepth.asInt() < 0 || rawDepth.asInt() > 2) {
                errors.add(new FieldError("depth", "must be 0, 1 or 2"));
            } else {
                // Current Twenty allows depth 0 or 1; the original's 2 is served as 1.
                depth = Math.min(1, rawDepth.asInt());
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        return new DuplicatesQuery(first, last, email, depth);
    }

    private static String name(JsonNode body, String field, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().trim().length() < 2) {
            errors.add(new FieldError(field, "must be a string of at least 2 characters"));
            return null;
        }
        return value.asText().trim();
    }
}
