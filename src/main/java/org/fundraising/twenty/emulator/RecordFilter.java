package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Twenty's REST filter grammar: {@code field[comparator]:value}, comma lists meaning AND,
 * {@code and(…)}, {@code or(…)}, {@code not(…)}, dotted composite paths, quoted values and bracketed lists; JSON
 * fields take only {@code is} and {@code like}, the latter on the JSON's text.
 */
final class RecordFilter {

    static final List<String> COMPARATORS = List.of("eq", "neq", "in", "containsAny", "is", "gt", "gte", "lt", "lte",
            "startsWith", "endsWith", "like", "ilike");
    private static final Pattern PREDICATE = Pattern.compile("^([^\\[\\]]+)\\[([^\\[\\]]+)\\]:(.+)$", Pattern.DOTALL);
    private static final Pattern CONJUNCTION = Pattern.compile("^(and|or|not)\\((.*)\\)$", Pattern.DOTALL);
    private static final Set<String> LIST_COMPARATORS = Set.of("in", "containsAny");
    private static final List<String> RAW_JSON_COMPARATORS = List.of("is", "like");

    private RecordFilter() {
    }

    /** The records of {@code object} that {@code filter} selects; a field the object lacks is refused, as Twenty does. */
    static Predicate<JsonNode> parse(String filter, ObjectMeta object) {
        if (filter == null || filter.isBlank()) {
            return record -> true;
        }
        checkBalanced(filter);
        List<String> parts = splitTopLevel(filter.trim());
        return parts.size() == 1 ? parseOne(parts.get(0), object) : and(parts, object);
    }

    private static Predicate<JsonNode> parseOne(String text, ObjectMeta object) {
        String expression = text.trim();
        Matcher conjunction = CONJUNCTION.matcher(expression);
        if (conjunction.matches()) {
            List<String> inner = splitTopLevel(conjunction.group(2));
            switch (conjunction.group(1)) {
                case "and":
                    return and(inner, object);
                case "or": {
                    List<Predicate<JsonNode>> any = inner.stream().map(part -> parseOne(part, object)).toList();
                    return record -> any.stream().anyMatch(p -> p.test(record));
                }
                default: {
                    if (inner.size() != 1) {
                        throw EmulatorError.badRequest("'filter' invalid. 'not' conjunction should contain only 1 condition");
                    }
                    Predicate<JsonNode> negated = parseOne(inner.get(0), object);
                    return negated.negate();
                }
            }
        }
        Matcher predicate = PREDICATE.matcher(expression);
        if (!predicate.matches()) {
            throw EmulatorError.badRequest("'filter' invalid for '" + expression + "'. eg: price[gte]:10");
        }
        String path = predicate.group(1).trim();
        String comparator = predicate.group(2).trim();
        String rawValue = predicate.group(3).trim();
        if (!COMPARATORS.contains(comparator)) {
            throw EmulatorError.badRequest("'filter' invalid for '" + expression + "', comparator " + comparator
                    + " not in " + String.join(", ", COMPARATORS));
        }
        boolean rawJson = checkField(object, path, comparator);
        if (LIST_COMPARATORS.contains(comparator)) {
            if (!rawValue.startsWith("[") || !rawValue.endsWith("]")) {
                throw EmulatorError.badRequest("'filter' invalid for '" + expression
                        + "', array value expected eg: 'field[in]:[value_1,value_2]'");
            }
            String inner = rawValue.substring(1, rawValue.length() - 1);
            List<String> values = inner.isBlank() ? List.of()
                    : splitTopLevel(inner).stream().map(RecordFilter::unquote).toList();
            return record -> test(resolve(record, path), comparator, null, values);
        }
        String value = unquote(rawValue);
        if ("like".equals(comparator) || "ilike".equals(comparator)) {
            // Compiled once per filter, not once per record scanned.
            Pattern pattern = like(value, "ilike".equals(comparator));
            return record -> {
                JsonNode actual = resolve(record, path);
                if (actual == null || actual.isNull() || actual.isMissingNode()) {
                    return false;
                }
                return pattern.matcher(rawJson ? jsonbText(actual) : actual.asText()).matches();
            };
        }
        return record -> test(resolve(record, path), comparator, value, List.of());
    }

    /**
     * Refuses a filter on a field the object does not have, and on a JSON field any comparison but {@code is} and
     * {@code like} (Twenty 2.21 stores {@code emails.additionalEmails} and the like as JSON). True for a JSON field.
     */
    private static boolean checkField(ObjectMeta object, String path, String comparator) {
        int dot = path.indexOf('.');
        String root = dot < 0 ? path : path.substring(0, dot);
        FieldMeta field = object.fields.get(root);
        if (field == null && object.byJoinColumn(root).isEmpty()) {
            throw EmulatorError.badRequest("Object " + object.nameSingular + " doesn't have any \"" + root + "\" field.");
        }
        boolean rawJson = field != null && ("RAW_JSON".equals(field.type)
                || (dot > 0 && field.isComposite() && FieldMeta.RAW_JSON_SUB_FIELDS.contains(path.substring(dot + 1))));
        if (rawJson && !RAW_JSON_COMPARATORS.contains(comparator)) {
            throw EmulatorError.badRequest("Operator \"" + comparator + "\" is not valid for field \"" + path
                    + "\" of type RAW_JSON - Allowed operators: " + String.join(", ", RAW_JSON_COMPARATORS));
        }
        return rawJson;
    }

    /** A JSON value as PostgreSQL prints a {@code jsonb}, which is the text Twenty's {@code like} matches. */
    static String jsonbText(JsonNode value) {
        if (value.isArray()) {
            List<String> items = new ArrayList<>();
            value.forEach(item -> items.add(jsonbText(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value.isObject()) {
            List<String> entries = new ArrayList<>();
            value.fields().forEachRemaining(e -> entries.add(TextNode.valueOf(e.getKey()) + ": " + jsonbText(e.getValue())));
            return "{" + String.join(", ", entries) + "}";
        }
        return value.toString();
    }

    private static Predicate<JsonNode> and(List<String> parts, ObjectMeta object) {
        List<Predicate<JsonNode>> all = parts.stream().map(part -> parseOne(part, object)).toList();
        return record -> all.stream().allMatch(p -> p.test(record));
    }

    private static boolean test(JsonNode actual, String comparator, String value, List<String> values) {
        boolean isNull = actual == null || actual.isNull() || actual.isMissingNode();
        switch (comparator) {
            case "is":
                if ("NULL".equalsIgnoreCase(value)) {
                    return isNull;
                }
                if ("NOT_NULL".equalsIgnoreCase(value)) {
                    return !isNull;
                }
                return !isNull && compare(actual, value) == 0;
            case "in":
                return !isNull && values.stream().anyMatch(v -> compare(actual, v) == 0);
            case "containsAny":
                if (isNull || !actual.isArray()) {
                    return false;
                }
                for (JsonNode element : actual) {
                    if (values.contains(element.asText())) {
                        return true;
                    }
                }
                return false;
            default:
                break;
        }
        // SQL semantics: a comparison with NULL is never true.
        if (isNull) {
            return false;
        }
        String text = actual.asText();
        return switch (comparator) {
            case "eq" -> compare(actual, value) == 0;
            case "neq" -> compare(actual, value) != 0;
            case "gt" -> compare(actual, value) > 0;
            case "gte" -> compare(actual, value) >= 0;
            case "lt" -> compare(actual, value) < 0;
            case "lte" -> compare(actual, value) <= 0;
            case "startsWith" -> text.startsWith(value);
            case "endsWith" -> text.endsWith(value);
            case "like" -> like(value, false).matcher(text).matches();
            case "ilike" -> like(value, true).matcher(text).matches();
            default -> false;
        };
    }

    static int compare(JsonNode actual, String value) {
        if (actual.isNumber()) {
            try {
                return actual.decimalValue().compareTo(new BigDecimal(value));
            } catch (NumberFormatException notANumber) {
                return actual.asText().compareTo(value);
            }
        }
        if (actual.isBoolean()) {
            return Boolean.compare(actual.asBoolean(), Boolean.parseBoolean(value));
        }
        return actual.asText().compareTo(value);
    }

    /** PostgreSQL's LIKE: {@code %} any text, {@code _} one character, a backslash makes the next one itself. */
    private static Pattern like(String pattern, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                continue;
            }
            switch (c) {
                case '%' -> regex.append(".*");
                case '_' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL
                : Pattern.DOTALL);
    }

    static JsonNode resolve(JsonNode record, String path) {
        JsonNode node = record;
        for (String part : path.split("\\.")) {
            if (node == null) {
                return null;
            }
            node = node.get(part);
        }
        return node;
    }

    private static String unquote(String value) {
        String trimmed = value.trim();
        if (trimmed.length() >= 2 && ((trimmed.startsWith("\"") && trimmed.endsWith("\""))
                || (trimmed.startsWith("'") && trimmed.endsWith("'")))) {
            return trimmed.substring(1, trimmed.length() - 1);
        }
        return trimmed;
    }

    /** Splits on commas outside quotes, parentheses and brackets. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(text.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(text.substring(start).trim());
        parts.removeIf(String::isEmpty);
        return parts;
    }

    private static void checkBalanced(String filter) {
        int open = 0;
        int close = 0;
        char quote = 0;
        for (char c : filter.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '(') {
                open++;
            } else if (c == ')') {
                close++;
            }
        }
        if (open > close) {
            throw EmulatorError.badRequest("'filter' invalid. " + (open - close) + " close bracket is missing in the query");
        }
        if (close > open) {
            throw EmulatorError.badRequest("'filter' invalid. " + (close - open) + " open bracket is missing in the query");
        }
    }

    static boolean mentions(String filter, String field) {
        return filter != null && filter.toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT));
    }
}
