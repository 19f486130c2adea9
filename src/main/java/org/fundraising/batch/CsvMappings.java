package org.fundraising.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FieldError;
import org.fundraising.platform.store.OperationalStore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * CSV column mappings saved under a name (a bank's export, a payment platform's report), so that each import of
 * the same kind of file names it instead of repeating it. Kept in the operational store: they are the service's
 * settings, not CRM data.
 */
@ApplicationScoped
class CsvMappings {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final int MAX_HEADERS = 100;

    private final OperationalStore store;
    private final ObjectMapper json;

    CsvMappings(OperationalStore store, ObjectMapper json) {
        this.store = store;
        this.json = json;
    }

    Uni<Map<String, String>> save(String name, Map<String, String> mapping) {
        return store.put(key(name), write(mapping), null).replaceWith(mapping);
    }

    /** The mapping saved under {@code name}; 404 when there is none. */
    Uni<Map<String, String>> get(String name) {
        return store.get(key(name)).map(found -> found.map(this::read).orElseThrow(() -> ApiException.notFound(
                "No CSV mapping is saved as " + name + "; save one with PUT /api/fundraising/gift-batches/csv-mappings/" + name)));
    }

    /** {@code {"Header as written": "known column"}}: an object whose every value is a column the import knows. */
    static Map<String, String> checked(JsonNode body) {
        if (body == null || !body.isObject() || body.isEmpty() || body.size() > MAX_HEADERS) {
            throw ApiException.badRequest("A mapping is a JSON object such as {\"Donor First\":\"first_name\"} (1 to "
                    + MAX_HEADERS + " headers)", List.of(new FieldError("mapping", "must be a JSON object of header → column")));
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        body.fields().forEachRemaining(entry -> {
            String column = entry.getValue().isTextual() ? entry.getValue().asText() : null;
            if (column == null || !CsvRows.COLUMNS.contains(column)) {
                throw ApiException.badRequest("mapping sends \"" + entry.getKey() + "\" to " + entry.getValue()
                        + ", which is not a column: " + String.join(", ", CsvRows.COLUMNS),
                        List.of(new FieldError("mapping", "unknown column " + entry.getValue())));
            }
            mapping.put(entry.getKey(), column);
        });
        return mapping;
    }

    private static String key(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("A mapping's name is 1 to 40 lower-case letters, digits, - or _",
                    List.of(new FieldError("name", "must match [a-z0-9][a-z0-9_-]{0,39}")));
        }
        return "csv-mapping:" + name;
    }

    private String write(Map<String, String> mapping) {
        try {
            return json.writeValueAsString(mapping);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a mapping cannot be written", e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, new TypeReference<Map<String, String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a saved mapping cannot be read", e);
        }
    }
}
