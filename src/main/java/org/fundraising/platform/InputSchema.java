package org.fundraising.platform;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a request body into the record {@code R} that declares it, answering a 400 that names every bad field at
 * once (Jackson's binding stops at the first) and telling a field left out from one sent as {@code null}, which
 * clears it. Each record component is a field: its Java type says what the field holds ({@code String},
 * {@code LocalDate}, {@code Instant}, {@code Boolean}, {@code Long} counts, {@code BigDecimal}, {@link Amount},
 * {@code JsonNode}, or an enum whose lower-case names are the vocabulary); {@link Required} makes it required,
 * {@code @JsonAlias} gives it other names, and its Bean Validation constraints ({@link Uuid} for ids,
 * {@link Count} for counts) are checked by the validator once the value has the right type. A field with a
 * reading of its own (lenient money, names, contact blocks) gets a {@link #custom} reader.
 * Unknown fields are refused rather than passed on for Twenty to refuse; {@code null} and {@code ""} clear a field,
 * unless it is required.
 */
public final class InputSchema<R extends Record> {

    /** Counts are at most this: no real count comes near it. */
    public static final long MAX_COUNT = 1_000_000_000L;

    /** What a field holds, as {@code /q/openapi} describes it. MONEY is a positive amount, AMOUNT any. */
    public enum Kind { TEXT, UUID, DATE, DATE_TIME, BOOLEAN, COUNT, NUMBER, MONEY, AMOUNT, JSON, VOCABULARY }

    /** {@code converter} set: the field's own reading, which sees every value but {@code null}. */
    private record Rule(String target, Kind kind, Set<String> vocabulary, UnaryOperator<JsonNode> converter,
                        String typeMessage, boolean constrained, JavaType javaType) {
        Rule withReader(Kind shape, Set<String> words, UnaryOperator<JsonNode> reader) {
            return new Rule(target, shape, words, reader, typeMessage, false, javaType);
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

    /**
     * Binds checked values to records; enums arrive as their lower-case names. Made on the first body read, not
     * when the schemas are declared (at start-up): building a mapper costs about 150 ms the service need not wait for.
     */
    private static final class Binder {
        static final JsonMapper MAPPER = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .build();
    }
    private static final Map<Class<?>, Kind> KINDS = Map.of(LocalDate.class, Kind.DATE, Instant.class, Kind.DATE_TIME,
            Boolean.class, Kind.BOOLEAN, Long.class, Kind.COUNT, BigDecimal.class, Kind.NUMBER,
            Amount.class, Kind.AMOUNT, JsonNode.class, Kind.JSON);
    /**
     * The application's validator, looked up once: schemas are constants that CSV rows and payment events are read
     * with too, outside any request, so it cannot be injected into them.
     */
    private static volatile Validator validator;

    private final Class<R> type;
    private final String what;
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();
    private final Set<String> needReader = new LinkedHashSet<>();
    private boolean ignoreUnknown;

    private InputSchema(String what, Class<R> type) {
        this.what = what;
        this.type = type;
    }

    /** Every component of {@code type} a field, {@code what} the name errors use ("Appeal update must …"). */
    public static <R extends Record> InputSchema<R> of(String what, Class<R> type) {
        InputSchema<R> schema = new InputSchema<>(what, type);
        for (RecordComponent component : type.getRecordComponents()) {
            schema.declare(component);
        }
        return schema;
    }

    private void declare(RecordComponent component) {
        String name = component.getName();
        Field field;
        try {
            field = type.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(type + " has no field for its component " + name, e);
        }
        Class<?> javaClass = component.getType();
        Uuid uuid = field.getAnnotation(Uuid.class);
        Kind kind = kindOf(javaClass, uuid != null);
        if (kind == null) {
            needReader.add(name);
            kind = Kind.JSON;
        }
        Set<String> vocabulary = javaClass.isEnum() ? vocabularyOf(javaClass) : Set.of();
        boolean constrained = Arrays.stream(field.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(Constraint.class)
                        && !(annotation instanceof Required));
        Rule rule = new Rule(name, kind, vocabulary, null, uuid == null ? null : uuid.message(), constrained,
                TypeFactory.defaultInstance().constructType(component.getGenericType()));
        rules.put(name, rule);
        JsonAlias aliases = field.getAnnotation(JsonAlias.class);
        if (aliases != null) {
            List.of(aliases.value()).forEach(alias -> rules.put(alias, rule));
        }
        if (field.isAnnotationPresent(Required.class)) {
            required.add(name);
        }
    }

    /** A component's kind from its Java type ({@code null}: a type only a field's own reading can fill). */
    private static Kind kindOf(Class<?> javaClass, boolean patterned) {
        if (javaClass == String.class) {
            return patterned ? Kind.UUID : Kind.TEXT;
        }
        return javaClass.isEnum() ? Kind.VOCABULARY : KINDS.get(javaClass);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Set<String> vocabularyOf(Class<?> enumClass) {
        return Vocabulary.of((Class) enumClass);
    }

    /**
     * The field {@code name} read by {@code converter}, which sees every value but {@code null} (blank strings
     * included), returns the value for Twenty ({@code NullNode} clears) and throws {@link IllegalArgumentException}
     * with the reason; {@code shape} is what a caller sends, for the API documentation.
     */
    public InputSchema<R> custom(String name, Kind shape, UnaryOperator<JsonNode> converter) {
        return reader(name, shape, Set.of(), converter);
    }

    /** A vocabulary field with its own reading (case rules, a subset of the enum, messages) in {@code converter}. */
    public InputSchema<R> custom(String name, Set<String> vocabulary, UnaryOperator<JsonNode> converter) {
        return reader(name, Kind.VOCABULARY, Set.copyOf(vocabulary), converter);
    }

    private InputSchema<R> reader(String name, Kind shape, Set<String> vocabulary, UnaryOperator<JsonNode> converter) {
        Rule rule = rules.get(name);
        if (rule == null) {
            throw new IllegalStateException(name + " is not a component of " + type.getSimpleName());
        }
        Rule read = rule.withReader(shape, vocabulary, converter);
        rules.replaceAll((key, existing) -> existing == rule ? read : existing);
        needReader.remove(name);
        return this;
    }

    /** These fields (components' names), with their aliases, are not accepted here: a route takes part of a record. */
    @SafeVarargs
    public final InputSchema<R> except(Collection<String>... groups) {
        for (Collection<String> names : groups) {
            rules.values().removeIf(rule -> names.contains(rule.target()));
            required.removeAll(names);
            needReader.removeAll(names);
        }
        return this;
    }

    /**
     * Unknown fields are left out instead of refused (the original's gift create dropped them; clients written for
     * it may send extras). {@link #unknownFields} names them so a caller can say so.
     */
    public InputSchema<R> ignoringUnknown() {
        ignoreUnknown = true;
        return this;
    }

    /** What this schema accepts, field by field, for {@code /q/openapi}. */
    public List<FieldDoc> describe() {
        List<FieldDoc> docs = new ArrayList<>();
        rules.forEach((name, rule) -> docs.add(new FieldDoc(name, rule.kind(), rule.vocabulary(), required.contains(name))));
        return docs;
    }

    /** The names a body is written to Twenty with (a component's name, never its alias). */
    public Set<String> targets() {
        Set<String> targets = new LinkedHashSet<>();
        rules.values().forEach(rule -> targets.add(rule.target()));
        return targets;
    }

    public String what() {
        return what;
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

    /** A create: required fields present, every field right, or one 400 naming each problem. */
    public Body<R> create(JsonNode body) {
        return body(read(body, true));
    }

    /** An update: only the fields sent, at least one of them, none of the required ones cleared. */
    public Body<R> update(JsonNode body) {
        return body(read(body, false));
    }

    /**
     * The fields that are right, with what is wrong added to {@code errors} instead of thrown, for a route that
     * checks more (rules across fields) and answers every problem in one 400.
     */
    public ObjectNode forCreate(JsonNode body, List<FieldError> errors) {
        return read(body, true, errors);
    }

    /** The typed record of checked fields ({@code sent} as {@link #create} or {@link #forCreate} left them). */
    public Body<R> body(ObjectNode sent) {
        try {
            return new Body<>(Binder.MAPPER.treeToValue(sent, type), sent);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checked fields that do not bind to " + type.getSimpleName(), e);
        }
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
        if (!needReader.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " fields without a reader: " + needReader);
        }
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
                JsonNode value = convert(rule, entry.getValue());
                if (value.isNull() && required.contains(rule.target())) {
                    throw new IllegalArgumentException("must not be empty");
                }
                if (!value.isNull() && rule.constrained()) {
                    checkConstraints(rule, value);
                }
                out.set(rule.target(), value);
            } catch (PartProblem e) {
                errors.add(new FieldError(entry.getKey() + "." + e.part, e.getMessage()));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(entry.getKey(), e.getMessage()));
            }
        });
        if (creating) {
            required.stream().filter(name -> !sentUnder(body, name))
                    .forEach(name -> errors.add(new FieldError(name, "is required")));
        }
        return out;
    }

    /** Whether the body holds the field {@code target} under its name or an alias. */
    private boolean sentUnder(JsonNode body, String target) {
        return rules.entrySet().stream().anyMatch(entry -> entry.getValue().target().equals(target) && body.has(entry.getKey()));
    }

    /** The component's Bean Validation constraints on the typed value; the first problem found, by message. */
    private void checkConstraints(Rule rule, JsonNode value) {
        Object typed = Binder.MAPPER.convertValue(value, rule.javaType());
        Set<ConstraintViolation<R>> violations = validator().validateValue(type, rule.target(), typed);
        violations.stream().map(ConstraintViolation::getMessage).sorted().findFirst().ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    private static Validator validator() {
        Validator found = validator;
        if (found == null) {
            found = CDI.current().select(Validator.class).get();
            validator = found;
        }
        return found;
    }

    private static JsonNode convert(Rule rule, JsonNode value) {
        if (value == null || value.isNull()) {
            return NullNode.getInstance();
        }
        if (rule.converter() != null) {
            return rule.converter().apply(value);
        }
        if (value.isTextual() && value.asText().strip().isEmpty() && rule.kind() != Kind.JSON) {
            return NullNode.getInstance();
        }
        return switch (rule.kind()) {
            case TEXT -> JsonNodeFactory.instance.textNode(text(value));
            case UUID -> {
                if (!value.isTextual()) {
                    throw new IllegalArgumentException(rule.typeMessage());
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
            case COUNT -> JsonNodeFactory.instance.numberNode(wholeNumber(value));
            case NUMBER -> {
                if (!value.isNumber()) {
                    throw new IllegalArgumentException("must be a number");
                }
                yield value;
            }
            case MONEY -> currencyValue(value, Money.Sign.POSITIVE);
            case AMOUNT -> currencyValue(value, Money.Sign.ANY);
            case JSON -> value;
            case VOCABULARY -> {
                String text = value.isTextual() ? value.asText().strip().toLowerCase(Locale.ROOT) : null;
                if (text == null || !rule.vocabulary().contains(text)) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", rule.vocabulary().stream().sorted().toList()));
                }
                yield JsonNodeFactory.instance.textNode(text);
            }
        };
    }

    private static String text(JsonNode value) {
        if (!value.isTextual()) {
            throw new IllegalArgumentException("must be a string");
        }
        if (value.asText().length() > 10_000) {
            throw new IllegalArgumentException("must be at most 10000 characters");
        }
        return TextRules.checked(value.asText().strip(), true);
    }

    /**
     * A JSON number with no fraction; one beyond a {@code long} is held at the nearest end, so the component's
     * {@link Count} refuses it with its own message.
     */
    private static long wholeNumber(JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException("must be a whole number");
        }
        BigDecimal number = Numbers.bounded(value.decimalValue());
        if (number.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("must be a whole number");
        }
        BigDecimal held = number.max(BigDecimal.valueOf(Long.MIN_VALUE)).min(BigDecimal.valueOf(Long.MAX_VALUE));
        return held.longValueExact();
    }

    /** A positive amount as a field's own reading, for an {@link Amount} component that must be above zero. */
    public static JsonNode positiveMoney(JsonNode value) {
        if (value.isTextual() && value.asText().isBlank()) {
            return NullNode.getInstance();
        }
        return currencyValue(value, Money.Sign.POSITIVE);
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
