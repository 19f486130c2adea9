package org.fundraising.twenty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds Twenty filter strings ({@code field[comparator]:value}) from user input. Values are
 * always double-quoted, so commas and brackets in them are safe; a double quote cannot be escaped in Twenty's
 * grammar, so it is dropped from user text.
 */
public final class Filters {

    private static final Pattern GRAMMAR_CHARACTERS = Pattern.compile("[\\s,()\\[\\]\"':]");

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

    /**
     * Case-insensitive "contains"; null (no condition) when there is no text to look for. A {@code %} or {@code _}
     * in the text is looked for as itself (escaped as PostgreSQL's LIKE reads it), not as a wildcard.
     */
    public static String contains(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return field + "[ilike]:" + quote("%" + literal(text.trim()) + "%");
    }

    /** Case-insensitive equality: ilike with every wildcard character of the value escaped. */
    public static String equalsIgnoringCase(String field, String value) {
        return field + "[ilike]:" + value(literal(value));
    }

    /**
     * Text that contains {@code text} as it is, in the field's stored text: for JSON fields (Twenty 2.21 keeps
     * {@code emails.additionalEmails} as JSON and allows only {@code is} and {@code like} on them), the JSON's text.
     * It matches longer values too ({@code %ann@x.org%} finds {@code joann@x.org}), so callers compare what it finds.
     */
    public static String containing(String field, String text) {
        return field + "[like]:" + value("%" + literal(text) + "%");
    }

    /** Text that LIKE matches only as itself: its backslashes, {@code %} and {@code _} escaped. */
    static String literal(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
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

    /**
     * A value quoted only when Twenty's grammar needs it (a separator, bracket, quote or space inside, or nothing at
     * all): a bare email is sent as it is, which keeps a lookup of 60 emails within one request line.
     */
    static String value(String text) {
        return text.isEmpty() || GRAMMAR_CHARACTERS.matcher(text).find() ? quote(text) : text;
    }
}
