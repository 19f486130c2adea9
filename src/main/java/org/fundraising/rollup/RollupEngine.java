package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;
import org.fundraising.twenty.TwentyQuery;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes totals from gifts and writes the parents whose stored values differ. Reads ask for the fields the totals
 * need (whole records where Twenty does not take {@code fields}), in Twenty's largest pages; writes are upserts of at most 60 records by id, carrying only the total fields.
 * Only parents just read are written, so a deleted record is never brought back by a write.
 */
@ApplicationScoped
class RollupEngine {

    private final TwentyClient twenty;
    private final FundraisingConfig config;
    private final RollupSettings settings;

    RollupEngine(TwentyClient twenty, FundraisingConfig config, RollupSettings settings) {
        this.twenty = twenty;
        this.config = config;
        this.settings = settings;
    }

    /** Today's rules: the base currency and the start of the fiscal year that contains today. */
    RollupRules rules() {
        return RollupRules.of(config.baseCurrency(), settings.fiscalYearStart(), LocalDate.now(config.timezone()));
    }

    String baseCurrency() {
        return config.baseCurrency();
    }

    /** Every gift matching {@code filter} (all, when null), as facts. */
    Multi<GiftFacts> gifts(TwentyCaller caller, String filter) {
        return read(caller, FundraisingSchema.GIFT.plural(), filter, GiftFacts.FIELDS).map(GiftFacts::of);
    }

    /** Every parent of {@code kind} matching {@code filter} (all, when null), with its stored totals. */
    Multi<ObjectNode> parents(TwentyCaller caller, ParentKind kind, String filter) {
        return read(caller, kind.plural(), filter, kind.readFields());
    }

    /** Writes up to 60 parents' new totals in one call. */
    Uni<Integer> write(TwentyCaller caller, ParentKind kind, List<ObjectNode> changed) {
        if (changed.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return twenty.upsertMany(caller, kind.plural(), changed).replaceWith(changed.size());
    }

    /** The record to write for a parent whose stored totals differ from {@code totals}; null when they agree. */
    ObjectNode change(ParentKind kind, JsonNode stored, Totals totals) {
        ObjectNode wanted = RollupValues.of(kind, totals, config.baseCurrency());
        if (!RollupValues.differ(stored, wanted)) {
            return null;
        }
        wanted.put("id", stored.path("id").asText());
        return wanted;
    }

    /**
     * Recomputes the given parents (ids of one kind, at most 60) from their gifts: one read of the gifts (more for
     * a parent with over a page of them), one read of the parents, at most one write. Answers the parents written
     * and, for people, the households of those whose totals changed.
     */
    Uni<Recomputed> recompute(TwentyCaller caller, ParentKind kind, List<String> ids, RollupRules rules) {
        String inIds = "[" + String.join(",", ids) + "]";
        Uni<Map<String, Totals>> totals = kind == ParentKind.HOUSEHOLD
                ? householdTotals(caller, inIds, rules)
                : totalsBy(gifts(caller, kind.giftLink() + "[in]:" + inIds), kind, rules);
        return totals.chain(computed -> parents(caller, kind, "id[in]:" + inIds).collect().asList().chain(stored -> {
            List<ObjectNode> changed = new ArrayList<>();
            Set<String> households = new LinkedHashSet<>();
            for (ObjectNode parent : stored) {
                ObjectNode change = change(kind, parent, computed.get(parent.path("id").asText()));
                if (change != null) {
                    changed.add(change);
                    String household = GiftFacts.text(parent.path("householdId"));
                    if (kind == ParentKind.PERSON && household != null) {
                        households.add(household);
                    }
                }
            }
            return write(caller, kind, changed).map(written -> new Recomputed(written, households));
        }));
    }

    record Recomputed(int written, Set<String> households) {
    }

    /** A household's totals are its members': members read by household, then their gifts, 60 members at a time. */
    private Uni<Map<String, Totals>> householdTotals(TwentyCaller caller, String inIds, RollupRules rules) {
        return read(caller, FundraisingSchema.PERSON.plural(), "householdId[in]:" + inIds, List.of("id", "householdId"))
                .collect().asList().chain(members -> {
                    Map<String, String> householdOf = new HashMap<>();
                    members.forEach(m -> householdOf.put(m.path("id").asText(), m.path("householdId").asText()));
                    Map<String, Totals> byHousehold = new HashMap<>();
                    return Multi.createFrom().iterable(chunks(new ArrayList<>(householdOf.keySet())))
                            .onItem().transformToUniAndConcatenate(chunk -> totalsBy(
                                    gifts(caller, "donorId[in]:[" + String.join(",", chunk) + "]"), ParentKind.PERSON, rules))
                            .onItem().invoke(byPerson -> byPerson.forEach((person, t) ->
                                    byHousehold.computeIfAbsent(householdOf.get(person), h -> new Totals()).merge(t)))
                            .collect().last().replaceWith(byHousehold);
                });
    }

    /** Totals per parent of {@code kind} over the gifts given. */
    Uni<Map<String, Totals>> totalsBy(Multi<GiftFacts> gifts, ParentKind kind, RollupRules rules) {
        Map<String, Totals> totals = new HashMap<>();
        return gifts.onItem().invoke(gift -> add(totals, kind, gift, rules)).collect().last().replaceWith(totals);
    }

    /** Adds a gift to the totals of its parent of {@code kind}, if it has one. */
    static void add(Map<String, Totals> totals, ParentKind kind, GiftFacts gift, RollupRules rules) {
        for (ParentRef parent : gift.parents()) {
            if (parent.kind() == kind) {
                totals.computeIfAbsent(parent.id(), id -> new Totals()).add(gift, rules);
            }
        }
    }

    static List<List<String>> chunks(List<String> ids) {
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += TwentyClient.BATCH_LIMIT) {
            chunks.add(ids.subList(from, Math.min(ids.size(), from + TwentyClient.BATCH_LIMIT)));
        }
        return chunks;
    }

    private Multi<ObjectNode> read(TwentyCaller caller, String plural, String filter, List<String> fields) {
        return twenty.listAll(caller, plural, TwentyQuery.all().withFilter(filter).withFields(fields));
    }
}
