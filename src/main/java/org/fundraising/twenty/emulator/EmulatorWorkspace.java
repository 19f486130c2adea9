package org.fundraising.twenty.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.fundraising.twenty.schema.TwentyObjectSpec;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The records of the emulated workspace and Twenty's rules for writing them: field and
 * type checks, client-supplied UUIDs, unique values, foreign keys, all-or-nothing batches, upsert, soft delete
 * and person duplicates. Every method holds the workspace lock, so each call is atomic like one SQL statement.
 */
final class EmulatorWorkspace {

    /** Twenty's default page size when a read names no limit. */
    static final int DEFAULT_LIMIT = 60;
    /** Fields Twenty sets itself, ignoring what a write says. */
    private static final Set<String> SET_BY_TWENTY = Set.of("createdBy", "updatedBy", "updatedAt", "deletedAt", "searchVector");
    /** The lists Twenty adds to every custom object at depth 1, for records this emulator does not keep. */
    private static final List<String> CUSTOM_OBJECT_LISTS = List.of("attachments", "timelineActivities", "noteTargets",
            "taskTargets");
    private static final Pattern UUID_PATTERN =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    record Row(long sequence, ObjectNode data) {
    }

    record Page(List<ObjectNode> records, long totalCount, boolean hasNextPage, boolean hasPreviousPage,
                String startCursor, String endCursor) {
    }

    private final ObjectMapper json;
    private EmulatorSchema schema;
    private final Map<String, Map<String, Row>> tables = new HashMap<>();
    private long sequence;
    private final List<EmulatorWebhooks.RecordEvent> events = new ArrayList<>();

    private volatile int maxRecords;

    EmulatorWorkspace(ObjectMapper json, boolean provision, int maxRecords) {
        this.json = json;
        this.maxRecords = maxRecords;
        this.schema = new EmulatorSchema(json, provision);
    }

    /** The most records a call reads or writes ({@code QUERY_MAX_RECORDS}). */
    int maxRecords() {
        return maxRecords;
    }

    void maxRecords(int value) {
        maxRecords = value;
    }

    synchronized void reset(boolean provision) {
        schema = new EmulatorSchema(json, provision);
        tables.clear();
        events.clear();
        sequence = 0;
    }

    /** The record events since the last call, for webhook delivery. */
    synchronized List<EmulatorWebhooks.RecordEvent> drainEvents() {
        List<EmulatorWebhooks.RecordEvent> drained = List.copyOf(events);
        events.clear();
        return drained;
    }

    private void event(ObjectMeta object, String action, ObjectNode record, List<String> updatedFields) {
        events.add(new EmulatorWebhooks.RecordEvent(object.id, object.nameSingular, action, record.deepCopy(), updatedFields));
    }

    synchronized EmulatorSchema schema() {
        return schema;
    }

    synchronized ObjectMeta object(String plural) {
        return schema.byPlural(plural).orElseThrow(() -> schema.unknownObject(plural));
    }

    synchronized ObjectNode findOne(ObjectMeta object, String id, int depth) {
        Row row = table(object).get(checkedId(id));
        if (row == null || !row.data.get("deletedAt").isNull()) {
            throw EmulatorError.notFound();
        }
        return render(object, row.data, depth);
    }

    synchronized Page findMany(ObjectMeta object, String filter, String orderBy, int limit, int depth, String after,
                               String before) {
        if (after != null && before != null) {
            throw EmulatorError.badRequest("Cannot provide both before and after");
        }
        Predicate<JsonNode> predicate = RecordFilter.parse(filter, object);
        boolean withDeleted = RecordFilter.mentions(filter, "deletedAt");
        RecordOrder order = RecordOrder.parse(orderBy);
        Comparator<ArrayNode> comparator = order.comparator();
        List<Map.Entry<ArrayNode, Row>> matches = new ArrayList<>();
        for (Row row : table(object).values()) {
            if ((withDeleted || row.data.get("deletedAt").isNull()) && predicate.test(row.data)) {
                matches.add(Map.entry(order.keyOf(row.data), row));
            }
        }
        matches.sort((a, b) -> comparator.compare(a.getKey(), b.getKey()));
        int total = matches.size();
        List<Map.Entry<ArrayNode, Row>> window;
        boolean hasNext;
        boolean hasPrevious;
        if (before != null) {
            ArrayNode cursor = order.decode(json, before);
            List<Map.Entry<ArrayNode, Row>> earlier = matches.stream()
                    .filter(e -> comparator.compare(e.getKey(), cursor) < 0).toList();
            int from = Math.max(0, earlier.size() - limit);
            window = earlier.subList(from, earlier.size());
            hasPrevious = from > 0;
            hasNext = true;
        } else {
            List<Map.Entry<ArrayNode, Row>> later = matches;
            if (after != null) {
                ArrayNode cursor = order.decode(json, after);
                later = matches.stream().filter(e -> comparator.compare(e.getKey(), cursor) > 0).toList();
            }
            window = later.subList(0, Math.min(limit, later.size()));
            hasNext = later.size() > limit;
            hasPrevious = after != null;
        }
        List<ObjectNode> records = window.stream().map(e -> render(object, e.getValue().data, depth)).toList();
        String start = window.isEmpty() ? null : order.encode(json, window.get(0).getKey());
        String end = window.isEmpty() ? null : order.encode(json, window.get(window.size() - 1).getKey());
        return new Page(records, total, hasNext, hasPrevious, start, end);
    }

    /** Inserts (or, with upsert, updates matches of) every input, or nothing at all. */
    synchronized List<ObjectNode> create(ObjectMeta object, List<JsonNode> inputs, boolean upsert) {
        if (inputs.size() > maxRecords) {
            throw EmulatorError.badRequest("Maximum number of records to upsert is " + maxRecords + ".");
        }
        Map<String, Row> draft = new LinkedHashMap<>(table(object));
        List<ObjectNode> written = new ArrayList<>();
        List<String> actions = new ArrayList<>();
        String now = ISO_MILLIS.format(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        for (JsonNode input : inputs) {
            if (!input.isObject()) {
                throw EmulatorError.badRequest("Each record must be an object");
            }
            ObjectNode values = coerce(object, (ObjectNode) input);
            Row match = upsert ? upsertMatch(object, draft, values) : null;
            ObjectNode record;
            if (match != null) {
                record = match.data.deepCopy();
                values.remove("id");
                record.setAll(values);
                record.put("updatedAt", now);
                record.putNull("deletedAt");
                draft.put(record.get("id").asText(), new Row(match.sequence, record));
                actions.add("updated");
            } else {
                record = defaults(object, now);
                record.setAll(values);
                String id = record.get("id").asText();
                if (draft.containsKey(id)) {
                    throw EmulatorError.badRequest("A duplicate entry was detected");
                }
                draft.put(id, new Row(++sequence, record));
                record.put("position", sequence);
                actions.add("created");
            }
            checkUnique(object, draft, record);
            written.add(record);
        }
        tables.put(object.nameSingular, draft);
        for (int i = 0; i < written.size(); i++) {
            event(object, actions.get(i), written.get(i), null);
        }
        return written.stream().map(r -> render(object, r, 0)).toList();
    }

    /** A field added to an object holds its default on every record already there, as a new column does. */
    synchronized void backfill(ObjectMeta object, FieldMeta field) {
        if (field.isOneToMany()) {
            return;
        }
        ObjectNode defaults = defaults(object, ISO_MILLIS.format(Instant.now()));
        String key = field.isManyToOne() ? field.joinColumn() : field.name;
        table(object).values().forEach(row -> {
            if (!row.data.has(key)) {
                row.data.set(key, defaults.get(key).deepCopy());
            }
        });
    }

    synchronized ObjectNode updateOne(ObjectMeta object, String id, JsonNode patch) {
        Row row = table(object).get(checkedId(id));
        if (row == null || !row.data.get("deletedAt").isNull()) {
            throw EmulatorError.notFound();
        }
        return update(object, List.of(row), patch).get(0);
    }

    synchronized List<ObjectNode> updateMany(ObjectMeta object, String filter, JsonNode patch) {
        if (filter == null || filter.isBlank()) {
            throw EmulatorError.badRequest("Filters are mandatory for bulk update operations.");
        }
        Predicate<JsonNode> predicate = RecordFilter.parse(filter, object);
        List<Row> matches = table(object).values().stream()
                .filter(r -> r.data.get("deletedAt").isNull() && predicate.test(r.data)).toList();
        return update(object, matches, patch);
    }

    /** Brings back a soft-deleted record ({@code PATCH /rest/<plural>/<id>/restore}); Twenty announces it as restored. */
    synchronized ObjectNode restoreOne(ObjectMeta object, String id) {
        String key = checkedId(id);
        Row row = table(object).get(key);
        if (row == null || row.data.get("deletedAt").isNull()) {
            throw EmulatorError.notFound();
        }
        ObjectNode record = row.data.deepCopy();
        record.putNull("deletedAt");
        record.put("updatedAt", ISO_MILLIS.format(Instant.now()));
        table(object).put(key, new Row(row.sequence, record));
        event(object, "restored", record, null);
        return render(object, record, 0);
    }

    /** A soft delete answers the whole record, now with its {@code deletedAt}; a hard delete only its id. */
    synchronized ObjectNode deleteOne(ObjectMeta object, String id, boolean soft) {
        Row row = table(object).get(checkedId(id));
        if (row == null || (soft && !row.data.get("deletedAt").isNull())) {
            throw EmulatorError.notFound();
        }
        ObjectNode removed = remove(object, row, soft);
        return soft ? render(object, removed, 0) : json.createObjectNode().put("id", id);
    }

    synchronized List<String> deleteMany(ObjectMeta object, String filter, boolean soft) {
        if (filter == null || filter.isBlank()) {
            throw EmulatorError.badRequest("Filters are mandatory for bulk destroy operations. Please provide a filter.");
        }
        Predicate<JsonNode> predicate = RecordFilter.parse(filter, object);
        boolean withDeleted = RecordFilter.mentions(filter, "deletedAt");
        List<Row> matches = table(object).values().stream()
                .filter(r -> (withDeleted || r.data.get("deletedAt").isNull()) && predicate.test(r.data)).toList();
        matches.forEach(row -> remove(object, row, soft));
        return matches.stream().map(r -> r.data.get("id").asText()).toList();
    }

    /** One entry per input, in input order, as Twenty's duplicate search answers. */
    synchronized ArrayNode duplicates(ObjectMeta object, JsonNode body, int depth) {
        boolean hasData = body.has("data") && !body.get("data").isNull();
        boolean hasIds = body.has("ids") && !body.get("ids").isNull();
        if (hasData && hasIds) {
            throw EmulatorError.badRequest("You cannot provide both \"data\" and \"ids\" arguments");
        }
        if (!hasData && !hasIds) {
            throw EmulatorError.badRequest("You have to provide either \"data\" or \"ids\" argument");
        }
        if (hasData && (!body.get("data").isArray() || body.get("data").isEmpty())) {
            throw EmulatorError.badRequest("The \"data\" condition can not be empty when \"ids\" input not provided");
        }
        List<JsonNode> probes = new ArrayList<>();
        if (hasData) {
            body.get("data").forEach(probes::add);
        } else {
            for (JsonNode id : body.get("ids")) {
                Row row = table(object).get(checkedId(id.asText()));
                if (row == null) {
                    throw EmulatorError.notFound();
                }
                probes.add(row.data);
            }
        }
        ArrayNode result = json.createArrayNode();
        for (JsonNode probe : probes) {
            List<ObjectNode> found = new ArrayList<>();
            String selfId = probe.path("id").asText(null);
            for (Row row : table(object).values()) {
                if (row.data.get("deletedAt").isNull() && !row.data.get("id").asText().equals(selfId)
                        && isDuplicate(object, probe, row.data)) {
                    found.add(render(object, row.data, depth));
                }
            }
            ObjectNode entry = result.addObject();
            ArrayNode list = entry.putArray(object.nameSingular + "Duplicates");
            found.stream().limit(maxRecords).forEach(list::add);
            entry.put("totalCount", Math.min(found.size(), maxRecords));
            ObjectNode pageInfo = entry.putObject("pageInfo").put("hasNextPage", false).put("hasPreviousPage", false);
            pageInfo.put("startCursor", found.isEmpty() ? null : cursorOf(found.get(0)));
            pageInfo.put("endCursor", found.isEmpty() ? null : cursorOf(found.get(Math.min(found.size(), maxRecords) - 1)));
        }
        return result;
    }

    synchronized Map<String, Integer> counts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ObjectMeta object : schema.objects()) {
            int live = (int) table(object).values().stream().filter(r -> r.data.get("deletedAt").isNull()).count();
            counts.put(object.namePlural, live);
        }
        return counts;
    }

    private List<ObjectNode> update(ObjectMeta object, List<Row> rows, JsonNode patch) {
        if (!patch.isObject()) {
            throw EmulatorError.badRequest("Body must be an object");
        }
        ObjectNode values = coerce(object, (ObjectNode) patch);
        values.remove("id");
        Map<String, Row> draft = new LinkedHashMap<>(table(object));
        String now = ISO_MILLIS.format(Instant.now());
        List<ObjectNode> written = new ArrayList<>();
        for (Row row : rows) {
            ObjectNode record = row.data.deepCopy();
            record.setAll(values.deepCopy());
            record.put("updatedAt", now);
            record.set("updatedBy", apiActor());
            draft.put(record.get("id").asText(), new Row(row.sequence, record));
            checkUnique(object, draft, record);
            written.add(record);
        }
        tables.put(object.nameSingular, draft);
        List<String> updatedFields = new ArrayList<>();
        values.fieldNames().forEachRemaining(updatedFields::add);
        written.forEach(record -> event(object, "updated", record, updatedFields));
        return written.stream().map(r -> render(object, r, 0)).toList();
    }

    private ObjectNode remove(ObjectMeta object, Row row, boolean soft) {
        String id = row.data.get("id").asText();
        if (soft) {
            ObjectNode record = row.data.deepCopy();
            String now = ISO_MILLIS.format(Instant.now());
            record.put("deletedAt", now);
            record.put("updatedAt", now);
            table(object).put(id, new Row(row.sequence, record));
            event(object, "deleted", record, null);
            return record;
        }
        table(object).remove(id);
        event(object, "destroyed", row.data, null);
        return row.data;
    }

    private Row upsertMatch(ObjectMeta object, Map<String, Row> draft, ObjectNode values) {
        List<Row> matches = new ArrayList<>();
        if (values.hasNonNull("id") && draft.containsKey(values.get("id").asText())) {
            matches.add(draft.get(values.get("id").asText()));
        }
        for (FieldMeta field : object.fields.values()) {
            if (field.unique && values.has(field.name)) {
                String key = uniqueValue(field, values.get(field.name));
                if (key == null) {
                    continue;
                }
                draft.values().stream()
                        .filter(r -> key.equals(uniqueValue(field, r.data.get(field.name))))
                        .filter(r -> !matches.contains(r))
                        .forEach(matches::add);
            }
        }
        if (matches.size() > 1) {
            throw EmulatorError.badRequest("Multiple records found with the same unique field values. Cannot upsert.");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private void checkUnique(ObjectMeta object, Map<String, Row> draft, ObjectNode record) {
        String id = record.get("id").asText();
        for (FieldMeta field : object.fields.values()) {
            if (!field.unique) {
                continue;
            }
            String key = uniqueValue(field, record.get(field.name));
            if (key == null || !record.get("deletedAt").isNull()) {
                continue;
            }
            for (Row other : draft.values()) {
                if (!other.data.get("id").asText().equals(id) && other.data.get("deletedAt").isNull()
                        && key.equals(uniqueValue(field, other.data.get(field.name)))) {
                    throw EmulatorError.badRequest("A duplicate entry was detected");
                }
            }
        }
    }

    /** The value a unique constraint sees: the primary sub-field of composites, exactly as stored. */
    private static String uniqueValue(FieldMeta field, JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        JsonNode key = switch (field.type) {
            case "EMAILS" -> value.get("primaryEmail");
            case "LINKS" -> value.get("primaryLinkUrl");
            case "PHONES" -> value.get("primaryPhoneNumber");
            default -> value;
        };
        return key == null || key.isNull() || key.asText().isEmpty() ? null : key.asText();
    }

    private boolean isDuplicate(ObjectMeta object, JsonNode probe, JsonNode candidate) {
        for (List<String> group : object.duplicateCriteria) {
            boolean applies = true;
            boolean equal = true;
            for (String path : group) {
                JsonNode wanted = RecordFilter.resolve(probe, path);
                if (wanted == null || !wanted.isTextual() || wanted.asText().length() < 3) {
                    applies = false;
                    break;
                }
                JsonNode actual = RecordFilter.resolve(candidate, path);
                if (actual == null || !wanted.asText().equals(actual.asText())) {
                    equal = false;
                }
            }
            if (applies && equal) {
                return true;
            }
        }
        return false;
    }

    /** Checks and converts one written record the way Twenty's data-arg handler does. */
    private ObjectNode coerce(ObjectMeta object, ObjectNode input) {
        ObjectNode values = json.createObjectNode();
        input.fields().forEachRemaining(entry -> {
            String key = entry.getKey();
            JsonNode value = entry.getValue();
            FieldMeta field = object.fields.get(key);
            if (field == null) {
                FieldMeta relation = object.byJoinColumn(key).orElseThrow(() -> EmulatorError.badRequest(
                        "Object " + object.nameSingular + " doesn't have any \"" + key + "\" field."));
                values.set(key, foreignKey(object, relation, key, value));
                return;
            }
            if (field.isOneToMany()) {
                throw EmulatorError.badRequest("One-to-many relation " + key + " field does not support write operations.");
            }
            if (field.isManyToOne()) {
                throw EmulatorError.badRequest("Relation \"" + key + "\" requires connect or disconnect operation");
            }
            if (SET_BY_TWENTY.contains(key)) {
                return;
            }
            values.set(key, value.isNull() ? NullNode.getInstance() : coerceValue(object, field, value));
        });
        return values;
    }

    private JsonNode coerceValue(ObjectMeta object, FieldMeta field, JsonNode value) {
        String name = field.name;
        switch (field.type) {
            case "UUID":
                return JsonNodeFactory.instance.textNode(checkedId(value.asText()));
            case "TEXT":
            case "RICH_TEXT":
                if (value.isContainerNode()) {
                    throw EmulatorError.badRequest("Invalid value for field " + name + ": a text was expected");
                }
                return JsonNodeFactory.instance.textNode(value.asText());
            case "NUMBER":
            case "NUMERIC":
            case "POSITION":
                return JsonNodeFactory.instance.numberNode(number(name, value));
            case "BOOLEAN":
                if (value.isBoolean()) {
                    return value;
                }
                throw EmulatorError.badRequest("Invalid value for field " + name + ": a boolean was expected");
            case "DATE":
                return JsonNodeFactory.instance.textNode(date(name, value).toString());
            case "DATE_TIME":
                return JsonNodeFactory.instance.textNode(ISO_MILLIS.format(instant(name, value)));
            case "SELECT":
                if (!field.options.isEmpty() && !field.options.contains(value.asText())) {
                    throw EmulatorError.badRequest("Value '" + value.asText() + "' is not a valid option for field " + name);
                }
                return JsonNodeFactory.instance.textNode(value.asText());
            case "RAW_JSON":
            case "ARRAY":
            case "MULTI_SELECT":
                return value;
            default:
                break;
        }
        if (!field.isComposite()) {
            return value;
        }
        if (!value.isObject()) {
            throw EmulatorError.badRequest("Invalid value for field " + name + ": an object was expected");
        }
        ObjectNode composite = defaultComposite(field.type);
        List<String> subFields = FieldMeta.COMPOSITES.get(field.type);
        value.fields().forEachRemaining(sub -> {
            if (!subFields.contains(sub.getKey())) {
                throw EmulatorError.badRequest("Field " + name + " of " + object.nameSingular + " has no sub-field \""
                        + sub.getKey() + "\"");
            }
            JsonNode subValue = sub.getValue();
            if ("amountMicros".equals(sub.getKey()) && !subValue.isNull()) {
                subValue = JsonNodeFactory.instance.numberNode(number(name + ".amountMicros", subValue));
            }
            composite.set(sub.getKey(), subValue);
        });
        return composite;
    }

    /** A join column's value must name a live record of its target, or PostgreSQL's foreign key refuses it. */
    private JsonNode foreignKey(ObjectMeta object, FieldMeta relation, String column, JsonNode value) {
        if (value.isNull()) {
            return NullNode.getInstance();
        }
        String id = checkedId(value.asText());
        ObjectMeta target = schema.bySingular(relation.targetObject).orElseThrow();
        if (!table(target).containsKey(id)) {
            String table = (object.custom ? "_" : "") + object.nameSingular;
            throw EmulatorError.badRequest("insert or update on table \"" + table + "\" violates foreign key constraint \""
                    + TwentyObjectSpec.constraintName(table, column) + "\"");
        }
        return JsonNodeFactory.instance.textNode(id);
    }

    /** A new record before its input: Twenty 2.21 stores "" for text, empty lists in composites, null elsewhere. */
    private ObjectNode defaults(ObjectMeta object, String now) {
        ObjectNode record = json.createObjectNode();
        for (FieldMeta field : object.fields.values()) {
            if (field.isOneToMany()) {
                continue;
            }
            if (field.isManyToOne()) {
                record.putNull(field.joinColumn());
            } else if (field.isComposite()) {
                record.set(field.name, defaultComposite(field.type));
            } else if ("TEXT".equals(field.type)) {
                record.put(field.name, "");
            } else {
                record.putNull(field.name);
            }
        }
        record.put("id", UUID.randomUUID().toString());
        record.put("createdAt", now);
        record.put("updatedAt", now);
        record.set("createdBy", apiActor());
        record.set("updatedBy", apiActor());
        return record;
    }

    /** Who Twenty says wrote a record through the API: the key's name. */
    private static ObjectNode apiActor() {
        ObjectNode actor = JsonNodeFactory.instance.objectNode().put("source", "API").putNull("workspaceMemberId")
                .put("name", "API key");
        actor.putObject("context");
        return actor;
    }

    private static ObjectNode defaultComposite(String type) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (String sub : FieldMeta.COMPOSITES.get(type)) {
            if (FieldMeta.RAW_JSON_SUB_FIELDS.contains(sub)) {
                node.putArray(sub);
            } else if ("CURRENCY".equals(type) || "addressLat".equals(sub) || "addressLng".equals(sub)
                    || "workspaceMemberId".equals(sub)) {
                node.putNull(sub);
            } else if ("context".equals(sub)) {
                node.putObject(sub);
            } else {
                node.put(sub, "");
            }
        }
        return node;
    }

    /** The words PostgreSQL indexes for search: those of the record's name and emails, numbered as they come. */
    private static String searchVector(ObjectNode record) {
        List<String> words = new ArrayList<>();
        JsonNode name = record.path("name");
        (name.isObject() ? List.of(name.path("firstName"), name.path("lastName")) : List.of(name)).forEach(part -> {
            for (String word : part.asText("").toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                if (!word.isEmpty()) {
                    words.add(word);
                }
            }
        });
        String email = record.path("emails").path("primaryEmail").asText("");
        if (!email.isEmpty()) {
            words.add(email.toLowerCase(Locale.ROOT));
        }
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            entries.add("'" + words.get(i) + "':" + (i + 1));
        }
        return String.join(" ", entries);
    }

    /** A stored record as Twenty answers it; with depth 1, many-to-one targets and one-to-many lists embedded. */
    private ObjectNode render(ObjectMeta object, ObjectNode stored, int depth) {
        ObjectNode out = stored.deepCopy();
        if (object.fields.containsKey("searchVector")) {
            out.put("searchVector", searchVector(stored));
        }
        if (depth < 1) {
            return out;
        }
        if (object.custom) {
            // Twenty links every custom object to its attachments, notes, tasks and timeline: none are emulated.
            CUSTOM_OBJECT_LISTS.forEach(out::putArray);
        }
        for (FieldMeta field : object.fields.values()) {
            ObjectMeta target = field.targetObject == null ? null : schema.bySingular(field.targetObject).orElse(null);
            if (target == null) {
                continue;
            }
            if (field.isManyToOne()) {
                Row row = stored.get(field.joinColumn()).isNull() ? null : table(target).get(stored.get(field.joinColumn()).asText());
                out.set(field.name, row == null ? NullNode.getInstance() : row.data.deepCopy());
            } else if (field.isOneToMany()) {
                String column = field.targetField + "Id";
                String id = stored.get("id").asText();
                ArrayNode list = out.putArray(field.name);
                table(target).values().stream()
                        .filter(r -> r.data.get("deletedAt").isNull() && id.equals(r.data.path(column).asText(null)))
                        .limit(maxRecords)
                        .forEach(r -> list.add(r.data.deepCopy()));
            }
        }
        return out;
    }

    private String cursorOf(ObjectNode record) {
        return RecordOrder.parse(null).encode(json, json.createArrayNode().add(record.path("id").asText()));
    }

    private Map<String, Row> table(ObjectMeta object) {
        return tables.computeIfAbsent(object.nameSingular, k -> new LinkedHashMap<>());
    }

    static String checkedId(String id) {
        if (id == null || !UUID_PATTERN.matcher(id).matches()) {
            throw EmulatorError.badRequest("'" + id + "' is not a valid UUID");
        }
        return id.toLowerCase();
    }

    private static BigDecimal number(String name, JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        try {
            return new BigDecimal(value.asText().trim());
        } catch (NumberFormatException e) {
            throw EmulatorError.badRequest("Invalid value for field " + name + ": a number was expected, got '"
                    + value.asText() + "'");
        }
    }

    private static LocalDate date(String name, JsonNode value) {
        String text = value.asText().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text) : OffsetDateTime.parse(text).toLocalDate();
        } catch (Exception e) {
            throw EmulatorError.badRequest("Invalid date value '" + text + "' for field " + name);
        }
    }

    private static Instant instant(String name, JsonNode value) {
        String text = value.asText().trim();
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(text).toInstant();
        } catch (Exception e) {
            throw EmulatorError.badRequest("Invalid date value '" + text + "' for field " + name);
        }
    }

}
