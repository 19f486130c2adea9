package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * {@code order_by}: {@code field[Direction],…}, {@code AscNullsFirst} by default, id always
 * the last key, so without {@code order_by} records come by id, as in Twenty. Cursors are Twenty's: base64 JSON of
 * a record's sort values and id, so paging stays right when records are added or removed between pages.
 */
final class RecordOrder {

    static final List<String> DIRECTIONS = List.of("AscNullsFirst", "AscNullsLast", "DescNullsFirst", "DescNullsLast");

    private record Key(String path, boolean descending, boolean nullsFirst) {
    }

    private final List<Key> keys;

    private RecordOrder(List<Key> keys) {
        this.keys = keys;
    }

    static RecordOrder parse(String orderBy) {
        List<Key> keys = new ArrayList<>();
        if (orderBy != null && !orderBy.isBlank()) {
            for (String part : RecordFilter.splitTopLevel(orderBy)) {
                String path = part;
                String direction = "AscNullsFirst";
                int bracket = part.indexOf('[');
                if (bracket >= 0) {
                    if (!part.endsWith("]")) {
                        throw EmulatorError.badRequest("'order_by' invalid for '" + part + "'");
                    }
                    path = part.substring(0, bracket);
                    direction = part.substring(bracket + 1, part.length() - 1);
                }
                if (!DIRECTIONS.contains(direction)) {
                    throw EmulatorError.badRequest("'order_by' direction '" + direction + "' invalid. Allowed values are "
                            + String.join(", ", DIRECTIONS));
                }
                keys.add(new Key(path.trim(), direction.startsWith("Desc"), direction.endsWith("NullsFirst")));
            }
        }
        return new RecordOrder(keys);
    }

    /** The sort key of a stored record: its ordered values, then its id (Twenty's order when none is asked). */
    ArrayNode keyOf(JsonNode record) {
        ArrayNode key = JsonNodeFactory.instance.arrayNode();
        for (Key k : keys) {
            JsonNode value = RecordFilter.resolve(record, k.path);
            key.add(value == null ? JsonNodeFactory.instance.nullNode() : value);
        }
        key.add(record.path("id").asText());
        return key;
    }

    Comparator<ArrayNode> comparator() {
        return (a, b) -> {
            for (int i = 0; i < a.size(); i++) {
                int result = i < keys.size() ? compare(a.get(i), b.get(i), keys.get(i)) : compareValues(a.get(i), b.get(i));
                if (result != 0) {
                    return result;
                }
            }
            return 0;
        };
    }

    private static int compare(JsonNode a, JsonNode b, Key key) {
        boolean aNull = a == null || a.isNull();
        boolean bNull = b == null || b.isNull();
        if (aNull || bNull) {
            if (aNull && bNull) {
                return 0;
            }
            return aNull == key.nullsFirst ? -1 : 1;
        }
        int result = compareValues(a, b);
        return key.descending ? -result : result;
    }

    private static int compareValues(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.asText().compareTo(b.asText());
    }

    /** A cursor as Twenty writes it: base64 of a JSON object holding the record's ordered values and its id. */
    String encode(ObjectMapper json, ArrayNode key) {
        ObjectNode cursor = json.createObjectNode();
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode parent = cursor;
            String[] parts = keys.get(i).path.split("\\.");
            for (int p = 0; p < parts.length - 1; p++) {
                parent = parent.has(parts[p]) ? (ObjectNode) parent.get(parts[p]) : parent.putObject(parts[p]);
            }
            parent.set(parts[parts.length - 1], key.get(i));
        }
        cursor.set("id", key.get(key.size() - 1));
        try {
            return Base64.getEncoder().encodeToString(json.writeValueAsBytes(cursor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    ArrayNode decode(ObjectMapper json, String cursor) {
        try {
            JsonNode decoded = json.readTree(new String(Base64.getDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (decoded == null || !decoded.isObject() || !decoded.path("id").isTextual()) {
                throw new IllegalArgumentException("not a cursor");
            }
            ArrayNode key = JsonNodeFactory.instance.arrayNode();
            for (Key k : keys) {
                JsonNode value = RecordFilter.resolve(decoded, k.path);
                if (value == null) {
                    throw new IllegalArgumentException("cursor does not fit this order");
                }
                key.add(value);
            }
            return key.add(decoded.get("id").asText());
        } catch (Exception e) {
            throw EmulatorError.badRequest("Invalid cursor: " + cursor);
        }
    }
}
