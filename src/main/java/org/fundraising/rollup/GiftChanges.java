package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.twenty.RecordsWritten;
import org.fundraising.twenty.WritesFollower;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns changes to gifts into parents to recompute, whoever made them: this service (every write to Twenty's gifts
 * is announced) or a person in Twenty (its signed record webhooks). The facts of each gift last seen are kept in
 * the operational store, so a gift moved to another donor, appeal or company recomputes the old parent as well as
 * the new one, and a change that leaves the facts alone — Twenty's echo of this service's own write, an edited
 * note — recomputes nothing.
 */
@ApplicationScoped
public class GiftChanges implements WritesFollower {

    static final String QUEUE = "rollup-pending";
    private static final String FACTS = "rollup-gift:";
    /** Facts are kept a little over a year: a gift moved later than that is put right by the nightly rebuild. */
    private static final Duration KEPT_FOR = Duration.ofDays(400);
    private static final String GIFTS = FundraisingSchema.GIFT.plural();
    private static final int SWAP_ATTEMPTS = 5;

    private final OperationalStore store;
    private final boolean followed;

    GiftChanges(OperationalStore store, RollupSettings settings) {
        this.store = store;
        this.followed = settings.incremental();
    }

    /**
     * Gifts this service wrote or deleted: their parents are queued before the writer goes on (a few milliseconds of
     * the store), so a process killed before they are queued has not taken the writer's next step either.
     */
    @Override
    public Uni<Void> follow(RecordsWritten written) {
        if (!followed || !GIFTS.equals(written.plural())) {
            return Uni.createFrom().voidItem();
        }
        List<GiftFacts> now = new ArrayList<>();
        written.records().forEach(record -> now.add(GiftFacts.of(record)));
        return noted(now, written.deletedIds(), "service").replaceWithVoid().onFailure().recoverWithUni(failure -> {
            LogEvent.of(GiftChanges.class, "rollup_change_not_queued").with("records", written.records().size())
                    .with("reason", failure.getMessage()).warn("gift changes not queued for rollups; the nightly rebuild will catch them");
            return Uni.createFrom().voidItem();
        });
    }

    /**
     * One delivery of Twenty's record webhooks, single ({@code record}) or batched ({@code items[].record}); answers
     * how many parents were queued.
     */
    public Uni<Integer> fromTwenty(JsonNode delivery) {
        String eventName = delivery.path("eventName").asText("");
        if (!followed || !eventName.startsWith(FundraisingSchema.GIFT.singular() + ".")) {
            return Uni.createFrom().item(0);
        }
        boolean gone = eventName.endsWith(".deleted") || eventName.endsWith(".destroyed");
        List<JsonNode> records = new ArrayList<>();
        if (delivery.path("items").isArray()) {
            delivery.path("items").forEach(item -> records.add(item.path("record")));
        } else {
            records.add(delivery.path("record"));
        }
        List<GiftFacts> now = new ArrayList<>();
        for (JsonNode record : records) {
            GiftFacts facts = GiftFacts.of(record);
            if (facts.id() != null) {
                now.add(gone ? facts.asDeleted() : facts);
            }
        }
        return noted(now, List.of(), "twenty");
    }

    /** Queues the parents whose totals the changes move; {@code source} says who made the changes, for the log. */
    private Uni<Integer> noted(List<GiftFacts> now, List<String> deletedIds, String source) {
        return Multi.createFrom().iterable(deletedIds).onItem().transformToUni(this::lastKnown).merge(8)
                .select().where(Optional::isPresent).map(known -> known.get().asDeleted())
                .collect().asList()
                .chain(gone -> {
                    Map<String, GiftFacts> latest = new LinkedHashMap<>();
                    now.forEach(facts -> latest.put(facts.id(), facts));
                    gone.forEach(facts -> latest.put(facts.id(), facts));
                    return queued(List.copyOf(latest.values()), SWAP_ATTEMPTS);
                })
                .invoke(queued -> {
                    if (queued > 0) {
                        LogEvent.of(GiftChanges.class, "rollup_parents_queued").with("source", source)
                                .with("gifts", now.size() + deletedIds.size()).with("parents", queued).info("totals to recompute");
                    }
                });
    }

    /**
     * Queues the parents of the gifts whose facts changed and records their new facts in one store write, made only
     * if no one recorded other facts since they were read: when the service's own write and Twenty's echo of it
     * arrive together, exactly one of them queues the parents and the other, read again, finds the facts already
     * there; and a crash can never leave the facts recorded with their parents not queued, which a later
     * announcement of the same gift would then take for nothing new.
     */
    private Uni<Integer> queued(List<GiftFacts> facts, int attemptsLeft) {
        return Multi.createFrom().iterable(facts)
                .onItem().transformToUni(gift -> store.get(FACTS + gift.id()).map(before -> new Change(gift, before.orElse(null))))
                .merge(8).collect().asList()
                .chain(read -> {
                    List<Change> changes = read.stream().filter(Change::moves).toList();
                    if (changes.isEmpty()) {
                        return Uni.createFrom().item(0);
                    }
                    Set<ParentRef> parents = new LinkedHashSet<>();
                    changes.forEach(change -> parents.addAll(change.parents()));
                    if (attemptsLeft <= 1) {
                        // Still contended: record the facts and queue the parents anyway (a recompute too many costs
                        // calls, never a wrong total).
                        return Multi.createFrom().iterable(changes)
                                .onItem().transformToUniAndConcatenate(change -> store.put(FACTS + change.now().id(), change.now().line(), KEPT_FOR))
                                .collect().last().chain(() -> store.enqueue(QUEUE, lines(parents))).replaceWith(parents.size());
                    }
                    List<OperationalStore.Swap> swaps = changes.stream().map(Change::swap).toList();
                    return store.swapAndEnqueue(swaps, KEPT_FOR, QUEUE, lines(parents))
                            .chain(written -> written ? Uni.createFrom().item(parents.size()) : queued(facts, attemptsLeft - 1));
                });
    }

    /** A gift's facts now and as last recorded ({@code null}: never seen). */
    private record Change(GiftFacts now, String before) {

        /**
         * Whether the totals must follow: the gift is new to them, or its facts moved. Facts older than those kept (a
         * replayed or late delivery) never replace them: a total is never moved back to an earlier state.
         */
        boolean moves() {
            if (before == null) {
                return true;
            }
            GiftFacts kept = GiftFacts.fromLine(before);
            return !now.olderThan(kept) && !kept.sameTotals(now);
        }

        /** Its parents now and, for a gift moved, deleted or changed, its parents before. */
        Set<ParentRef> parents() {
            Set<ParentRef> parents = new LinkedHashSet<>(now.parents());
            if (before != null) {
                parents.addAll(GiftFacts.fromLine(before).parents());
            }
            return parents;
        }

        OperationalStore.Swap swap() {
            return new OperationalStore.Swap(FACTS + now.id(), before, now.line());
        }
    }

    /** A gift's facts as last recorded: a gift this service deleted that was never seen costs nothing to forget. */
    private Uni<Optional<GiftFacts>> lastKnown(String id) {
        return store.get(FACTS + id).map(before -> before.map(GiftFacts::fromLine));
    }

    static String lines(Set<ParentRef> parents) {
        return String.join("\n", parents.stream().map(ParentRef::line).toList());
    }
}
