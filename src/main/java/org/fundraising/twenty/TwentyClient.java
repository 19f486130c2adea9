package org.fundraising.twenty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import org.fundraising.platform.LogEvent;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The only way to Twenty. Each method is one REST call (through {@link TwentyExchange}, so through the gate) and
 * reads Twenty's envelopes tolerantly: the single key under {@code data} rather than a guessed name, since
 * releases differ ({@code createPerson} vs {@code person}). Expected outcomes (absent record, a create whose id
 * already exists) are values, not failures.
 */
@ApplicationScoped
public class TwentyClient {

    /** The Twenty release whose answers this service was checked against (its REST API states no version). */
    public static final String CHECKED_RELEASE = "2.21";


    public static final int BATCH_LIMIT = 60;

    private final TwentyExchange exchange;
    private final ObjectMapper json;
    private final List<WritesFollower> followers;
    private volatile boolean fieldsRefused;

    TwentyClient(TwentyExchange exchange, ObjectMapper json, Instance<WritesFollower> followers) {
        this.exchange = exchange;
        this.json = json;
        this.followers = followers.stream().toList();
    }

    public Uni<Optional<ObjectNode>> findById(TwentyCaller caller, String plural, String id, int depth) {
        return exchange.send(caller, TwentyRequest.read(plural + "/" + id, Map.of("depth", String.valueOf(depth))))
                .map(body -> Optional.of(single(body, "record")))
                .onFailure(TwentyClient::notFound).recoverWithItem(Optional.empty());
    }

    /**
     * One page. A query naming its {@code fields} is sent without them from the first time Twenty refuses the
     * parameter (a release that lacks it): whole records are read from then on, which a reader must take anyway.
     */
    public Uni<TwentyPage> list(TwentyCaller caller, String plural, TwentyQuery query) {
        TwentyQuery sent = fieldsRefused ? query.withFields(null) : query;
        return exchange.send(caller, TwentyRequest.read(plural, sent.toParams())).map(body -> page(body, plural))
                .onFailure(failure -> sent.fields() != null && failure instanceof TwentyException t && t.isFieldsRefused())
                .recoverWithUni(refused -> {
                    fieldsRefused = true;
                    LogEvent.of(TwentyClient.class, "twenty_fields_refused").with("requestId", caller.requestId())
                            .with("reason", refused.getMessage()).warn("Twenty does not take the fields parameter; reading whole records");
                    return list(caller, plural, query);
                });
    }

    /** Every record matching the query, page after page by cursor (each page is one call through the gate). */
    public Multi<ObjectNode> listAll(TwentyCaller caller, String plural, TwentyQuery query) {
        return firstPage(caller, plural, query).onItem().transformToMulti(first -> from(first, caller, plural, query, read -> read));
    }

    /** The first page of everything matching the query (one call), for a reader that looks before it streams the rest. */
    public Uni<TwentyPage> firstPage(TwentyCaller caller, String plural, TwentyQuery query) {
        return list(caller, plural, query.withLimit(TwentyQuery.READ_ALL_LIMIT));
    }

    /**
     * The records of {@code first}, then those of each following page, read as they are asked for; {@code eachRead}
     * wraps every page's read (a long reader's patience with an unavailable Twenty).
     */
    public Multi<ObjectNode> from(TwentyPage first, TwentyCaller caller, String plural, TwentyQuery query,
                                  UnaryOperator<Uni<TwentyPage>> eachRead) {
        return pagesFrom(first, caller, plural, query.withLimit(TwentyQuery.READ_ALL_LIMIT), eachRead)
                .onItem().transformToIterable(TwentyPage::records);
    }

    private Multi<TwentyPage> pagesFrom(TwentyPage page, TwentyCaller caller, String plural, TwentyQuery query,
                                        UnaryOperator<Uni<TwentyPage>> eachRead) {
        if (!page.hasNextPage() || page.endCursor() == null) {
            return Multi.createFrom().item(page);
        }
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(page),
                eachRead.apply(list(caller, plural, query.after(page.endCursor()))).toMulti()
                        .onItem().transformToMultiAndConcatenate(next -> pagesFrom(next, caller, plural, query, eachRead)));
    }

    /** Creates one record with a client-generated id, so a retried or replayed create never writes twice. */
    public Uni<CreateResult> create(TwentyCaller caller, String plural, ObjectNode record) {
        ObjectNode body = withId(record);
        String id = body.get("id").asText();
        TwentyRequest request = new TwentyRequest("POST", plural, Map.of(), body, TwentyRequest.Replay.CREATE_WITH_IDS,
                List.of(id));
        return exchange.send(caller, request)
                .chain(answer -> announced(plural, single(answer, "created record")))
                .map(created -> new CreateResult(created, false))
                .onFailure(TwentyClient::duplicateEntry).recoverWithUni(duplicate -> findById(caller, plural, id, 0)
                        .chain(existing -> {
                            ObjectNode found = existing.orElseThrow(() -> (TwentyException) duplicate);
                            readBack(caller, plural, 1);
                            return announced(plural, found).map(stored -> new CreateResult(stored, true));
                        }));
    }

    /** Creates up to 60 records in one atomic call; every record gets a client id first. */
    public Uni<List<ObjectNode>> createMany(TwentyCaller caller, String plural, List<ObjectNode> records) {
        List<ObjectNode> bodies = checkedBatch(records);
        List<String> ids = bodies.stream().map(r -> r.get("id").asText()).toList();
        TwentyRequest request = new TwentyRequest("POST", "batch/" + plural, Map.of(), array(bodies),
                TwentyRequest.Replay.CREATE_WITH_IDS, ids);
        return exchange.send(caller, request)
                .chain(answer -> announced(plural, records(answer, plural)))
                .onFailure(TwentyClient::duplicateEntry).recoverWithUni(duplicate -> findCreatedEarlier(caller, plural, ids)
                        .chain(found -> {
                            if (found.size() != ids.size()) {
                                return Uni.createFrom().failure(duplicate);
                            }
                            readBack(caller, plural, ids.size());
                            return Uni.createFrom().item(found);
                        }));
    }

    /** What a create of many found: the records it created, and those whose ids were there already (as Twenty holds them). */
    public record Created(List<ObjectNode> created, List<ObjectNode> existing) {

        public int alreadyThere() {
            return existing.size();
        }
    }

    /**
     * Creates those of up to 60 records (with client ids) that are not there yet: one call when none is, and when
     * some are (a file uploaded again), one read of which ids exist and one create of the rest. Never updates.
     */
    public Uni<Created> createMissing(TwentyCaller caller, String plural, List<ObjectNode> records) {
        List<ObjectNode> bodies = checkedBatch(records);
        List<String> ids = bodies.stream().map(r -> r.get("id").asText()).toList();
        TwentyRequest request = new TwentyRequest("POST", "batch/" + plural, Map.of(), array(bodies),
                TwentyRequest.Replay.CREATE_WITH_IDS, ids);
        return exchange.send(caller, request)
                .chain(answer -> announced(plural, records(answer, plural))).map(created -> new Created(created, List.of()))
                .onFailure(TwentyClient::duplicateEntry).recoverWithUni(duplicate -> findCreatedEarlier(caller, plural, ids)
                        .chain(found -> {
                            Set<String> there = found.stream().map(r -> r.path("id").asText()).collect(Collectors.toSet());
                            List<ObjectNode> missing = bodies.stream().filter(r -> !there.contains(r.get("id").asText())).toList();
                            if (missing.isEmpty()) {
                                return Uni.createFrom().item(new Created(List.of(), found));
                            }
                            if (missing.size() == bodies.size()) {
                                return Uni.createFrom().failure(duplicate);
                            }
                            return createMissing(caller, plural, missing)
                                    .map(rest -> new Created(rest.created(), concat(found, rest.existing())));
                        }));
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** Creates or updates up to 60 records by id (and unique fields) in one call; safe to repeat. */
    public Uni<List<ObjectNode>> upsertMany(TwentyCaller caller, String plural, List<ObjectNode> records) {
        List<ObjectNode> bodies = checkedBatch(records);
        TwentyRequest request = new TwentyRequest("POST", "batch/" + plural, Map.of("upsert", "true"), array(bodies),
                TwentyRequest.Replay.SAFE, null);
        return exchange.send(caller, request).chain(answer -> announced(plural, records(answer, plural)));
    }

    public Uni<Optional<ObjectNode>> update(TwentyCaller caller, String plural, String id, ObjectNode patch) {
        TwentyRequest request = new TwentyRequest("PATCH", plural + "/" + id, Map.of(), patch, TwentyRequest.Replay.SAFE, null);
        return exchange.send(caller, request)
                .chain(body -> announced(plural, single(body, "updated record"))).map(Optional::of)
                .onFailure(TwentyClient::notFound).recoverWithItem(Optional.empty());
    }

    /** One body applied to every record the filter matches (e.g. {@code id[in]:[…]}), in one call. */
    public Uni<List<ObjectNode>> updateWhere(TwentyCaller caller, String plural, String filter, ObjectNode patch) {
        if (filter == null || filter.isBlank()) {
            throw new IllegalArgumentException("an update by filter needs a filter");
        }
        TwentyRequest request = new TwentyRequest("PATCH", plural, Map.of("filter", filter), patch,
                TwentyRequest.Replay.SAFE, null);
        return exchange.send(caller, request).chain(answer -> announced(plural, records(answer, plural)));
    }

    /** True when the record was deleted (or already gone after a retried delete), false when it never existed. */
    public Uni<Boolean> delete(TwentyCaller caller, String plural, String id, boolean soft) {
        TwentyRequest request = new TwentyRequest("DELETE", plural + "/" + id,
                soft ? Map.of("soft_delete", "true") : Map.of(), null, TwentyRequest.Replay.SAFE, null);
        return exchange.send(caller, request).chain(answer -> told(RecordsWritten.deleted(plural, id))).replaceWith(true)
                .onFailure(TwentyClient::notFound).recoverWithItem(false);
    }

    /** Twenty's person duplicates for each input, in input order: one call for up to 60 inputs. */
    public Uni<List<List<ObjectNode>>> personDuplicates(TwentyCaller caller, List<ObjectNode> people, int depth) {
        if (people.isEmpty() || people.size() > BATCH_LIMIT) {
            throw new IllegalArgumentException("person duplicates take 1 to " + BATCH_LIMIT + " inputs, got " + people.size());
        }
        ObjectNode body = json.createObjectNode();
        body.set("data", array(people));
        TwentyRequest request = new TwentyRequest("POST", "people/duplicates", Map.of("depth", String.valueOf(depth)),
                body, TwentyRequest.Replay.SAFE, null);
        return exchange.send(caller, request).map(answer -> {
            JsonNode data = answer.path("data");
            if (!data.isArray() || data.size() != people.size()) {
                throw TwentyException.invalidResponse("person duplicates returned " + data.size() + " entries for "
                        + people.size() + " inputs");
            }
            List<List<ObjectNode>> result = new ArrayList<>();
            data.forEach(entry -> result.add(objects(firstArray(entry))));
            return result;
        });
    }

    /**
     * The workspace's objects with their fields. An answer not in the shape Twenty 2.21 gives (objects under
     * {@code data.objects}, each with its {@code nameSingular} and {@code fields}) is refused as unknown rather than
     * read as a workspace without objects, which would have the schema command create them all again.
     */
    public Uni<List<ObjectNode>> metadataObjects(TwentyCaller caller) {
        return exchange.send(caller, TwentyRequest.read("metadata/objects", Map.of("limit", "1000")))
                .map(answer -> {
                    JsonNode data = answer.path("data");
                    JsonNode list = data.isArray() ? data : data.path("objects");
                    boolean known = list.isArray() && list.size() > 0;
                    for (JsonNode object : list) {
                        known &= object.path("nameSingular").isTextual() && object.path("fields").isArray();
                    }
                    if (!known) {
                        throw TwentyException.invalidResponse("the metadata API (GET /rest/metadata/objects) answered in "
                                + "a shape this service does not know; Twenty " + CHECKED_RELEASE + " is supported");
                    }
                    return objects(list);
                });
    }

    /**
     * Metadata creates are sent again after a 5xx: a repeat of one that did run answers "already exists", which
     * {@link TwentyException#isExistingMetadata()} lets the caller read as done.
     */
    public Uni<ObjectNode> createMetadataObject(TwentyCaller caller, ObjectNode input) {
        return exchange.send(caller, new TwentyRequest("POST", "metadata/objects", Map.of(), input,
                TwentyRequest.Replay.SAFE, null)).map(answer -> single(answer, "created object"));
    }

    public Uni<ObjectNode> createMetadataField(TwentyCaller caller, ObjectNode input) {
        return exchange.send(caller, new TwentyRequest("POST", "metadata/fields", Map.of(), input,
                TwentyRequest.Replay.SAFE, null)).map(answer -> single(answer, "created field"));
    }

    /**
     * Checks that Twenty accepts the caller's token with the smallest read there is (one person); a refusal fails
     * with Twenty's 401/403 and is remembered, an acceptance lets the token use the normal lanes for a while.
     */
    public Uni<Void> verifyToken(TwentyCaller caller) {
        return exchange.send(caller, TwentyRequest.smallestRead()).replaceWithVoid();
    }

    /** The records of up to 60 ids that exist, in the order asked (one call). */
    public Uni<List<ObjectNode>> findByIds(TwentyCaller caller, String plural, List<String> ids) {
        String filter = "id[in]:[" + String.join(",", ids) + "]";
        return list(caller, plural, TwentyQuery.all().withFilter(filter).withLimit(ids.size())).map(page -> {
            Map<String, ObjectNode> byId = new HashMap<>();
            page.records().forEach(r -> byId.put(r.path("id").asText(), r));
            return ids.stream().map(byId::get).filter(Objects::nonNull).collect(Collectors.toList());
        });
    }

    /**
     * The records of up to 60 ids this service created in an earlier call whose answer it never saw (an error or a
     * time-out answered after Twenty had stored them): those found are announced as written, as that call's answer
     * would have been, so donor totals count them. One call.
     */
    public Uni<List<ObjectNode>> findCreatedEarlier(TwentyCaller caller, String plural, List<String> ids) {
        return findByIds(caller, plural, ids).chain(found -> announced(plural, found));
    }

    /**
     * Tells whoever follows writes (donor totals) what was written, and goes on once they have noted it. Records a
     * create found already there are told too: an earlier attempt wrote them and its answer, or the process, was
     * lost before it could say so.
     */
    private Uni<ObjectNode> announced(String plural, ObjectNode record) {
        return told(RecordsWritten.of(plural, List.of(record))).replaceWith(record);
    }

    private Uni<List<ObjectNode>> announced(String plural, List<ObjectNode> records) {
        return records.isEmpty() ? Uni.createFrom().item(records) : told(RecordsWritten.of(plural, records)).replaceWith(records);
    }

    private Uni<Void> told(RecordsWritten written) {
        return Multi.createFrom().iterable(followers)
                .onItem().transformToUniAndConcatenate(follower -> follower.follow(written).onFailure().recoverWithNull())
                .collect().last().replaceWithVoid();
    }

    private List<ObjectNode> checkedBatch(List<ObjectNode> records) {
        if (records.isEmpty() || records.size() > BATCH_LIMIT) {
            throw new IllegalArgumentException("Twenty batch calls take 1 to " + BATCH_LIMIT + " records, got " + records.size());
        }
        return records.stream().map(this::withId).toList();
    }

    private ObjectNode withId(ObjectNode record) {
        ObjectNode copy = record.deepCopy();
        if (!copy.hasNonNull("id") || copy.get("id").asText().isBlank()) {
            copy.put("id", UUID.randomUUID().toString());
        }
        return copy;
    }

    private ArrayNode array(List<ObjectNode> records) {
        ArrayNode array = json.createArrayNode();
        records.forEach(array::add);
        return array;
    }

    private static TwentyPage page(JsonNode body, String plural) {
        JsonNode info = body.path("pageInfo");
        return new TwentyPage(records(body, plural), body.path("totalCount").asLong(0),
                info.path("hasNextPage").asBoolean(false), info.path("hasPreviousPage").asBoolean(false),
                text(info.path("startCursor")), text(info.path("endCursor")));
    }

    private static List<ObjectNode> records(JsonNode body, String plural) {
        JsonNode data = body.path("data");
        JsonNode list = data.has(plural) ? data.get(plural) : firstArray(data);
        if (list == null || !list.isArray()) {
            throw TwentyException.invalidResponse("no record list under data");
        }
        return objects(list);
    }

    private static ObjectNode single(JsonNode body, String what) {
        JsonNode data = body.path("data");
        if (data.isObject() && data.size() == 1) {
            JsonNode value = data.elements().next();
            if (value.isObject()) {
                return (ObjectNode) value;
            }
        }
        throw TwentyException.invalidResponse("no " + what + " under data");
    }

    private static JsonNode firstArray(JsonNode node) {
        for (Iterator<JsonNode> it = node.elements(); it.hasNext(); ) {
            JsonNode value = it.next();
            if (value.isArray()) {
                return value;
            }
        }
        return null;
    }

    private static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> out = new ArrayList<>();
        if (array != null) {
            array.forEach(node -> {
                if (node.isObject()) {
                    out.add((ObjectNode) node);
                }
            });
        }
        return out;
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof TwentyException t && t.isNotFound();
    }

    private static boolean duplicateEntry(Throwable failure) {
        return failure instanceof TwentyException t && t.isDuplicateEntry();
    }

    private static void readBack(TwentyCaller caller, String plural, int count) {
        LogEvent.of(TwentyClient.class, "twenty_create_read_back")
                .with("requestId", caller.requestId())
                .with("object", plural)
                .with("records", count)
                .with("context", caller.context())
                .info("create answered duplicate entry; the record with our id exists, read back as created");
    }

}
