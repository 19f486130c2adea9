package org.fundraising.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The fields a route accepts and what each must be; {@link #forCreate} and {@link #forUpdate} turn a request body
 * into the record for Twenty or a 400 that names every bad field. Unknown fields are refused rather than passed on
 * for Twenty to refuse. {@code null} (and "" for built-in kinds) clears a field, unless it is {@link #required}.
 */
public final class InputSchema {

    /** Counts (POSITIVE_INT, NON_NEGATIVE_INT) are at most this: no real count comes near it. */
    public static final long MAX_COUNT = 1_000_000_000L;

    /** MONEY is a positive amount; AMOUNT any whole number of micros (fees, variances); NUMBER any JSON number. */
    public enum Kind { TEXT, UUID, DATE, DATE_TIME, BOOLEAN, POSITIVE_INT, NON_NEGATIVE_INT, NUMBER, MONEY, AMOUNT, JSON, VOCABULARY, CUSTOM }

    /** {@code shape} is what a caller sends, for the API documentation: a custom field's kind is CUSTOM. */
    private record Rule(String target, Kind kind, Set<String> vocabulary, UnaryOperator<JsonNode> converter, Kind shape) {
        Rule(String target, Kind kind, Set<String> vocabulary) {
            this(target, kind, vocabulary, null, kind);
        }
    }

    /** One accepted field as the API documentation describes it. */
    public record FieldDoc(String name, Kind shape, Set<String> vocabulary, boolean required) {
    }

    /** A problem with one part of a structured field (e.g. {@code amount.amountMicros}), reported under that path. */
    public static final class PartProblem extends IllegalArgumentException {
        private final String part;

        public PartProblem(String part, String message) {
            super(message);
            this.part = part;
        }
    }

    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final String what;
    private boolean ignoreUnknown;

    public InputSchema(String what) {
        this.what = what;
    }

    public InputSchema field(String name, Kind kind) {
        rules.put(name, new Rule(name, kind, Set.of()));
        return this;
    }

    /** Accepted under {@code name}, written to Twenty as {@code target} (e.g. {@code contactId} → {@code donorId}). */
    public InputSchema alias(String name, String target, Kind kind) {
        rules.put(name, new Rule(target, kind, Set.of()));
        return this;
    }

    public InputSchema vocabulary(String name, String... values) {
        rules.put(name, new Rule(name, Kind.VOCABULARY, Set.of(values)));
        return this;
    }

    /**
     * A field read by {@code converter}, which sees every value but {@code null} (blank strings included), returns
     * the value for Twenty ({@code NullNode} clears) and throws {@link IllegalArgumentException} with the reason.
     */
    public InputSchema custom(String name, Kind shape, UnaryOperator<JsonNode> converter) {
        rules.put(name, new Rule(name, Kind.CUSTOM, Set.of(), converter, shape));
        return this;
    }

    /** A vocabulary field with its own reading (case rules, messages) in {@code converter}. */
    public InputSchema custom(String name, Set<String> vocabulary, UnaryOperator<JsonNode> converter) {
        rules.put(name, new Rule(name, Kind.CUSTOM, Set.copyOf(vocabulary), converter, Kind.VOCABULARY));
        return this;
    }

    /** What this schema accepts, field by field, for {@code /q/openapi}. */
    public List<FieldDoc> describe() {
        List<FieldDoc> docs = new ArrayList<>();
        rules.forEach((name, rule) -> docs.add(new FieldDoc(name, rule.shape(), rule.vocabulary(), required.contains(name))));
        return docs;
    }

    /** The names a body is written to Twenty with (an alias's target instead of its name). */
    public Set<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        rules.values().forEach(rule -> targets.add(rule.target()));
        return targets;
    }

    public String what() {
        return what;
    }

    /**
     * Unknown fields are left out instead of refused (the original's gift create dropped them; clients written for
     * it may send extras). {@link #unknownFields} names them so a caller can say so.
     */
    public InputSchema ignoringUnknown() {
        ignoreUnknown = true;
        return this;
    }

    public List<String> unknownFields(JsonNode body) {
        List<String> unknown = new ArrayList<>();
        if (body != null && body.isObject()) {
            body.fieldNames().forEachRemaining(name -> {
                if (!rules.containsKey(name)) {
                    unknown.add(name);
                }
            });
        }
        return unknown;
    }

    /** Fields a create must have and an update may not clear. */
    public InputSchema required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    public ObjectNode forCreate(JsonNode body) {
        return read(body, true);
    }

    /**
     * The fields that are right, with what is wrong added to {@code errors} instead of thrown, for a route that
     * checks more (rules across fields) and answers every problem in one 400.
     */
    public ObjectNode forCreate(JsonNode body, List<FieldError> errors) {
        return read(body, true, errors);
    }

    /** An update must change at least one field. */
    public ObjectNode forUpdate(JsonNode body) {
        return read(body, false);
    }

    private ObjectNode read(JsonNode body, boolean creating) {
        List<FieldError> errors = new ArrayList<>();
        ObjectNode out = read(body, creating, errors);
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
        if (!creating && out.isEmpty()) {
            throw ApiException.badRequest(what + " update must include at least one field", List.of());
        }
        return out;
    }

    private ObjectNode read(JsonNode body, boolean creating, List<FieldError> errors) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest(what + " payload must be an object.", List.of());
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        body.fields().forEachRemaining(entry -> {
            Rule rule = rules.get(entry.getKey());
            if (rule == null) {
                if (!ignoreUnknown) {
                    errors.add(new FieldError(entry.getKey(), "is not a field of " + what));
                }
                return;
            }
            try {
                JsonNode value = convert(entry.getKey(), rule, entry.getValue());
                if (value.isNull() && required.contains(entry.getKey())) {
                    throw new IllegalArgumentException("must not be empty");
                }
                out.set(rule.target(), value);
            } catch (PartProblem e) {
                errors.add(new FieldError(entry.getKey() + "." + e.part, e.getMessage()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(entry.getKey(), e.getMessage()));
            }
        });
        if (creating) {
            required.stream().filter(name -> !body.has(name)).forEach(name -> errors.add(new FieldError(name, "is required")));
        }
        return out;
    }

    private static JsonNode convert(String name, Rule rule, JsonNode value) {
        if (value == null || value.isNull()) {
            return NullNode.getInstance();
        }
        if (rule.kind() == Kind.CUSTOM) {
            return rule.converter().apply(value);
        }
        if (value.isTextual() && value.asText().strip().isEmpty() && rule.kind() != Kind.JSON) {
            return NullNode.getInstance();
        }
        return switch (rule.kind()) {
            case TEXT -> {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException("must be a string");
                }
                if (value.asText().length() > 10_000) {
                    throw new IllegalArgumentException("must be at most 10000 characters");
                }
                yield JsonNodeFactory.instance.textNode(TextRules.checked(value.asText().strip(), true));
            }
            case UUID -> {
                if (!value.isTextual() || !Ids.isUuid(value.asText().strip())) {
                    throw new IllegalArgumentException("must be a UUID");
                }
                yield JsonNodeFactory.instance.textNode(value.asText().strip());
            }
            case DATE -> JsonNodeFactory.instance.textNode(date(value).toString());
            case DATE_TIME -> JsonNodeFactory.instance.textNode(dateTime(value));
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw new IllegalArgumentException("must be true or false");
                }
                yield value;
            }
            case POSITIVE_INT, NON_NEGATIVE_INT -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("must be a whole number");
                }
                long min = rule.kind() == Kind.POSITIVE_INT ? 1 : 0;
                yield JsonNodeFactory.instance.numberNode(Numbers.count(value, min, MAX_COUNT, false));
            }
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("must be a number");
                }
                yield value;
            }
            case MONEY -> currencyValue(value, Money.Sign.POSITIVE);
            case AMOUNT -> currencyValue(value, Money.Sign.ANY);
            case JSON -> value;
            case CUSTOM -> throw new IllegalStateException("custom fields are converted above");
            case VOCABULARY -> {
                String text = value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : null;
                if (text == null || !rule.vocabulary().contains(text)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", rule.vocabulary().stream().sorted().toList()));
                }
                yield JsonNodeFactory.instance.textNode(text);
            }
        };
    }

    /** Twenty's CURRENCY: {@code {amountMicros, currencyCode: ISO 4217}}, the micros with the sign the field allows. */
    private static ObjectNode currencyValue(JsonNode value, Money.Sign sign) {
        if (!value.isObject()) {
            throw new IllegalArgumentException("must be {amountMicros, currencyCode}");
        }
        long micros;
        try {
            micros = Money.micros(value.get("amountMicros"), sign);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("amountMicros " + e.getMessage());
        }
        return JsonNodeFactory.instance.objectNode().put("amountMicros", micros)
                .put("currencyCode", Money.currency(value.get("currencyCode")));
    }

    /** Dates and times outside these years are typing mistakes or sentinels (0000-01-01, 9999-12-31), not gifts. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2100, 12, 31);

    public static LocalDate date(JsonNode value) {
        LocalDate date = null;
        try {
            if (value.isTextual() && value.asText().strip().matches("\\d{4}-\\d{2}-\\d{2}")) {
                date = LocalDate.parse(value.asText().strip());
            }
        } catch (DateTimeParseException invalid) {
            // reported below
        }
        if (date == null) {
            throw new IllegalArgumentException("must be a valid date as YYYY-MM-DD");
        }
        return inRange(date);
    }

    private static String dateTime(JsonNode value) {
        OffsetDateTime at;
        try {
            at = OffsetDateTime.parse(value.asText().strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be an ISO-8601 date-time such as 2026-01-31T09:30:00Z");
        }
        inRange(at.toLocalDate());
        return at.toInstant().toString();
    }

    public static LocalDate inRange(LocalDate date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw new IllegalArgumentException("must be between " + EARLIEST + " and " + LATEST);
        }
        return date;
    }
}
