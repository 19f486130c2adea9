package org.fundraising.rollup;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.twenty.RecordsWritten;
import org.fundraising.twenty.schema.FundraisingSchema;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
public class GiftChanges {

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

    /** Gifts this service wrote or deleted: their parents are queued; never blocks the writer. */
    void written(@Observes RecordsWritten written) {
        if (!followed || !GIFTS.equals(written.plural())) {
            return;
        }
        List<GiftFacts> now = new ArrayList<>();
        written.records().forEach(record -> now.add(GiftFacts.of(record)));
        noted(now, written.deletedIds(), "service").subscribe().with(queued -> { }, failure ->
                LogEvent.of(GiftChanges.class, "rollup_change_not_queued").with("records", written.records().size())
                        .with("reason", failure.getMessage()).warn("gift changes not queued for rollups; the nightly rebuild will catch them"));
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
        return Multi.createBy().concatenating().streams(
                        Multi.createFrom().iterable(now).onItem().transformToUni(this::compared).merge(8),
                        Multi.createFrom().iterable(deletedIds).onItem().transformToUni(this::deleted).merge(8))
                .collect().in(LinkedHashSet<ParentRef>::new, Set::addAll)
                .chain(parents -> parents.isEmpty() ? Uni.createFrom().item(0)
                        : store.enqueue(QUEUE, lines(parents)).replaceWith(parents.size()).invoke(queued ->
                                LogEvent.of(GiftChanges.class, "rollup_parents_queued").with("source", source)
                                        .with("gifts", now.size() + deletedIds.size()).with("parents", queued)
                                        .info("totals to recompute")));
    }

    /**
     * The parents to recompute for a gift now as {@code facts}: none when nothing that counts changed. The facts are
     * swapped in only over what was read (compare-and-set), so when the service's own write and Twenty's echo of it
     * arrive together, exactly one of them queues the parents and the other finds the facts already there.
     */
    private Uni<Set<ParentRef>> compared(GiftFacts facts) {
        return compared(facts, SWAP_ATTEMPTS);
    }

    private Uni<Set<ParentRef>> compared(GiftFacts facts, int attemptsLeft) {
        String key = FACTS + facts.id();
        return store.get(key).chain(before -> {
            Optional<GiftFacts> old = before.map(GiftFacts::fromLine);
            if (old.isPresent() && old.get().equals(facts)) {
                return Uni.createFrom().item(Set.<ParentRef>of());
            }
            Set<ParentRef> parents = new LinkedHashSet<>(facts.parents());
            old.ifPresent(previous -> parents.addAll(previous.parents()));
            if (attemptsLeft <= 1) {
                // Still contended: queue the parents anyway (a recompute too many costs calls, never a wrong total).
                return store.put(key, facts.line(), KEPT_FOR).replaceWith(parents);
            }
            Uni<Boolean> swapped = before.isEmpty() ? store.putIfAbsent(key, facts.line(), KEPT_FOR)
                    : store.compareAndSet(key, before.get(), facts.line(), KEPT_FOR);
            return swapped.chain(done -> done ? Uni.createFrom().item(parents) : compared(facts, attemptsLeft - 1));
        });
    }

    /** A gift this service deleted: its parents as last known (a gift never seen costs nothing to forget). */
    private Uni<Set<ParentRef>> deleted(String id) {
        return store.get(FACTS + id).chain(before -> before.map(GiftFacts::fromLine)
                .map(old -> compared(old.asDeleted()))
                .orElse(Uni.createFrom().item(Set.of())));
    }

    static String lines(Set<ParentRef> parents) {
        return String.join("\n", parents.stream().map(ParentRef::line).toList());
    }
}
