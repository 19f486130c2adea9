package org.fundraising.twenty.emulator;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** One emulated object: names, labels and fields. */
final class ObjectMeta {

    final String id = UUID.randomUUID().toString();
    final String universalIdentifier = UUID.randomUUID().toString();
    final String createdAt = Instant.now().toString();
    final String nameSingular;
    final String namePlural;
    final String labelSingular;
    final String labelPlural;
    final String icon;
    final String description;
    final boolean custom;
    final Map<String, FieldMeta> fields = new LinkedHashMap<>();
    /** Twenty's duplicate criteria: groups of dotted paths, each group an AND, the groups OR'd. */
    List<List<String>> duplicateCriteria = List.of();

    ObjectMeta(String nameSingular, String namePlural, String labelSingular, String labelPlural, String icon,
               String description, boolean custom) {
        this.nameSingular = nameSingular;
        this.namePlural = namePlural;
        this.labelSingular = labelSingular;
        this.labelPlural = labelPlural;
        this.icon = icon;
        this.description = description;
        this.custom = custom;
    }

    FieldMeta add(FieldMeta field) {
        fields.put(field.name, field);
        return field;
    }

    Optional<FieldMeta> byJoinColumn(String column) {
        return fields.values().stream().filter(f -> f.isManyToOne() && f.joinColumn().equals(column)).findFirst();
    }
}
