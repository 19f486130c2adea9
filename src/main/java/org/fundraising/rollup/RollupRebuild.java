package org.fundraising.rollup;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.fundraising.twenty.TwentyCaller;
import org.fundraising.twenty.TwentyClient;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A full rebuild: every gift read once, page by page, into one running total per parent; then every parent of each
 * kind in scope read page by page, compared, and those that differ written 60 to a call. Parents are read whole
 * rather than looked up by id, so a parent whose gifts were all deleted is found and set back to zero. Memory
 * holds one total per parent and at most one write's worth of changed records.
 */
final class RollupRebuild {

    private final RollupEngine engine;
    private final TwentyCaller caller;
    private final RebuildProgress progress;
    private final RollupRules rules;
    private final Map<ParentKind, Map<String, Totals>> totals = new EnumMap<>(ParentKind.class);

    RollupRebuild(RollupEngine engine, TwentyCaller caller, RebuildProgress progress) {
        this.engine = engine;
        this.caller = caller;
        this.progress = progress;
        this.rules = engine.rules();
        for (ParentKind kind : ParentKind.values()) {
            totals.put(kind, new HashMap<>());
        }
    }

    Uni<Void> run() {
        Uni<Void> chain = engine.gifts(caller, null)
                .onItem().invoke(gift -> {
                    progress.giftRead();
                    for (ParentKind kind : ParentKind.values()) {
                        RollupEngine.add(totals.get(kind), kind, gift, rules);
                    }
                })
                .collect().last().replaceWithVoid();
        boolean households = progress.scope().contains(ParentKind.HOUSEHOLD);
        for (ParentKind kind : ParentKind.values()) {
            boolean inScope = progress.scope().contains(kind);
            if (kind == ParentKind.PERSON && (inScope || households)) {
                chain = chain.chain(() -> people(inScope));
            } else if (kind != ParentKind.PERSON && inScope) {
                chain = chain.chain(() -> compare(kind, engine.parents(caller, kind, null)));
            }
        }
        return chain;
    }

    /**
     * People: compared when in scope; on the way, each member's totals are added to their household's. When only
     * households are rebuilt, only the people who belong to one are read.
     */
    private Uni<Void> people(boolean compared) {
        Map<String, Totals> byPerson = totals.get(ParentKind.PERSON);
        Map<String, Totals> byHousehold = totals.get(ParentKind.HOUSEHOLD);
        Multi<ObjectNode> people = engine.parents(caller, ParentKind.PERSON, compared ? null : "householdId[is]:NOT_NULL")
                .onItem().invoke(person -> {
                    String household = GiftFacts.text(person.path("householdId"));
                    Totals own = byPerson.get(person.path("id").asText());
                    if (household != null && own != null) {
                        byHousehold.computeIfAbsent(household, h -> new Totals()).merge(own);
                    }
                });
        if (!compared) {
            progress.phase("reading household members");
            return people.collect().last().replaceWithVoid();
        }
        return compare(ParentKind.PERSON, people);
    }

    private Uni<Void> compare(ParentKind kind, Multi<ObjectNode> parents) {
        progress.phase("comparing " + kind.plural());
        Map<String, Totals> computed = totals.get(kind);
        return parents
                .onItem().transform(parent -> {
                    progress.parentRead();
                    Optional<ObjectNode> change = Optional.ofNullable(engine.change(kind, parent, computed.remove(parent.path("id").asText())));
                    change.ifPresent(changed -> progress.changed(kind));
                    return change;
                })
                .select().where(Optional::isPresent).onItem().transform(Optional::get)
                .group().intoLists().of(TwentyClient.BATCH_LIMIT)
                .onItem().transformToUniAndConcatenate(changed -> write(kind, changed))
                .collect().last()
                // What is left belonged to parents that are gone (a gift of a deleted person): nothing to write.
                .invoke(computed::clear)
                .replaceWithVoid();
    }

    private Uni<Integer> write(ParentKind kind, List<ObjectNode> changed) {
        if (progress.dryRun()) {
            progress.wrote(changed.size());
            return Uni.createFrom().item(0);
        }
        return engine.write(caller, kind, changed).invoke(progress::wrote);
    }
}
