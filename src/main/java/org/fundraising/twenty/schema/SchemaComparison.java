package org.fundraising.twenty.schema;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The declared data model set against a workspace's metadata ({@code GET /rest/metadata/objects}): for every
 * object, field and relation the service uses, whether the workspace has it, lacks it, or has it with another type.
 */
public record SchemaComparison(List<Item> items, Map<String, String> objectIds) {

    public enum State { PRESENT, MISSING, CONFLICT }

    /**
     * One declared thing: an object ({@code field} null), a field or a relation ({@code type} RELATION, with its
     * target). {@code actualType} is what the workspace has when it differs.
     */
    public record Item(TwentyObjectSpec object, String field, String type, State state, String actualType,
                       TwentyObjectSpec.Relation relation) {

        public String name() {
            return field == null ? object.singular() : object.singular() + "." + field;
        }
    }

    public static SchemaComparison of(List<? extends JsonNode> workspaceObjects) {
        Map<String, JsonNode> bySingular = new HashMap<>();
        Map<String, String> ids = new HashMap<>();
        workspaceObjects.forEach(object -> {
            bySingular.put(object.path("nameSingular").asText(), object);
            ids.put(object.path("nameSingular").asText(), object.path("id").asText());
        });
        List<Item> items = new ArrayList<>();
        for (TwentyObjectSpec object : FundraisingSchema.OBJECTS) {
            JsonNode found = bySingular.get(object.singular());
            if (object.custom()) {
                items.add(new Item(object, null, "OBJECT", found == null ? State.MISSING : State.PRESENT, null, null));
            }
            for (TwentyObjectSpec.Field field : object.fields()) {
                items.add(compare(object, field.name(), field.type(), found, null));
            }
            for (TwentyObjectSpec.Relation relation : object.relations()) {
                items.add(compare(object, relation.name(), "RELATION", found, relation));
            }
        }
        return new SchemaComparison(List.copyOf(items), Map.copyOf(ids));
    }

    private static Item compare(TwentyObjectSpec object, String name, String type, JsonNode found,
                                TwentyObjectSpec.Relation relation) {
        Optional<JsonNode> field = Optional.empty();
        if (found != null) {
            for (JsonNode candidate : found.path("fields")) {
                if (name.equals(candidate.path("name").asText())) {
                    field = Optional.of(candidate);
                }
            }
        }
        if (field.isEmpty()) {
            return new Item(object, name, type, State.MISSING, null, relation);
        }
        String actual = field.get().path("type").asText();
        return type.equals(actual) ? new Item(object, name, type, State.PRESENT, null, relation)
                : new Item(object, name, type, State.CONFLICT, actual, relation);
    }

    public List<Item> missing() {
        return items.stream().filter(item -> item.state() == State.MISSING).toList();
    }

    /** Names a person can act on: a whole missing object once, not each of its fields. */
    public List<String> missingNames() {
        List<String> missingObjects = missing().stream().filter(item -> item.field() == null)
                .map(item -> item.object().singular()).toList();
        List<String> names = new ArrayList<>(missingObjects);
        missing().stream().filter(item -> item.field() != null && !missingObjects.contains(item.object().singular()))
                .forEach(item -> names.add(item.name()));
        return names;
    }

    public boolean complete() {
        return missing().isEmpty();
    }
}
