package org.fundraising.twenty.emulator;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** One field of an emulated object, as Twenty's metadata describes it. */
final class FieldMeta {

    /** Sub-fields of composite types, in Twenty's names. */
    static final Map<String, List<String>> COMPOSITES = Map.of(
            "FULL_NAME", List.of("firstName", "lastName"),
            "EMAILS", List.of("primaryEmail", "additionalEmails"),
            "PHONES", List.of("primaryPhoneNumber", "primaryPhoneCountryCode", "primaryPhoneCallingCode", "additionalPhones"),
            "LINKS", List.of("primaryLinkUrl", "primaryLinkLabel", "secondaryLinks"),
            "ADDRESS", List.of("addressStreet1", "addressStreet2", "addressCity", "addressState", "addressPostcode",
                    "addressCountry", "addressLat", "addressLng"),
            "CURRENCY", List.of("amountMicros", "currencyCode"),
            "ACTOR", List.of("source", "workspaceMemberId", "name", "context"));

    static final Set<String> TYPES = Set.of("UUID", "TEXT", "PHONES", "EMAILS", "DATE_TIME", "DATE", "BOOLEAN", "NUMBER",
            "NUMERIC", "LINKS", "CURRENCY", "FULL_NAME", "RATING", "SELECT", "MULTI_SELECT", "RELATION", "POSITION",
            "ADDRESS", "RAW_JSON", "RICH_TEXT", "ACTOR", "ARRAY", "FILES", "TS_VECTOR");

    /** Sub-fields Twenty stores as JSON: a filter may only ask {@code is} or {@code like} of them. */
    static final Set<String> RAW_JSON_SUB_FIELDS = Set.of("additionalEmails", "additionalPhones", "secondaryLinks");

    final String id = UUID.randomUUID().toString();
    final String universalIdentifier = UUID.randomUUID().toString();
    final String name;
    final String type;
    final String label;
    final boolean system;
    boolean unique;
    List<String> options = List.of();
    /** For relations: MANY_TO_ONE (has a join column) or ONE_TO_MANY (the inverse list). */
    String relationType;
    String targetObject;
    String targetField;

    FieldMeta(String name, String type, String label, boolean system) {
        this.name = name;
        this.type = type;
        this.label = label;
        this.system = system;
    }

    boolean isComposite() {
        return COMPOSITES.containsKey(type);
    }

    boolean isManyToOne() {
        return "RELATION".equals(type) && "MANY_TO_ONE".equals(relationType);
    }

    boolean isOneToMany() {
        return "RELATION".equals(type) && "ONE_TO_MANY".equals(relationType);
    }

    String joinColumn() {
        return name + "Id";
    }
}
