package org.fundraising.twenty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Builds Twenty filter strings ({@code field[comparator]:value}) from user input. Values are
 * always double-quoted, so commas and brackets in them are safe; a double quote cannot be escaped in Twenty's
 * grammar, so it is dropped from user text.
 */
public final class Filters {

    private Filters() {
    }

    public static String eq(String field, String value) {
        return field + "[eq]:" + quote(value);
    }

    public static String neq(String field, String value) {
        return field + "[neq]:" + quote(value);
    }

    public static String isNull(String field) {
        return field + "[is]:NULL";
    }

    public static String in(String field, Collection<String> values) {
        return field + "[in]:[" + values.stream().map(Filters::quote).collect(Collectors.joining(",")) + "]";
    }

    /** Case-insensitive "contains"; null (no condition) when there is no text to look for. */
    public static String contains(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return field + "[ilike]:" + quote("%" + text.trim().replace("%", "").replace("_", "") + "%");
    }

    /** Case-insensitive equality (ilike with no wildcard of ours; Twenty's {@code _} may over-match, never under). */
    public static String equalsIgnoringCase(String field, String value) {
        return field + "[ilike]:" + quote(value.replace("%", ""));
    }

    public static String containsAny(String field, Collection<String> values) {
        return field + "[containsAny]:[" + values.stream().map(Filters::quote).collect(Collectors.joining(",")) + "]";
    }

    /** All the given conditions (nulls skipped); null when there are none. */
    public static String and(String... conditions) {
        List<String> present = Arrays.stream(conditions).filter(Objects::nonNull).toList();
        if (present.isEmpty()) {
            return null;
        }
        return present.size() == 1 ? present.get(0) : "and(" + String.join(",", present) + ")";
    }

    public static String or(String... conditions) {
        return or(Arrays.asList(conditions));
    }

    public static String or(List<String> conditions) {
        List<String> present = new ArrayList<>(conditions.stream().filter(Objects::nonNull).toList());
        if (present.isEmpty()) {
            return null;
        }
        return present.size() == 1 ? present.get(0) : "or(" + String.join(",", present) + ")";
    }

    static String quote(String value) {
        return "\"" + value.replace("\"", "") + "\"";
    }
}
