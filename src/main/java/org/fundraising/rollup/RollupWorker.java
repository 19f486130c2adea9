package org.fundraising.rollup;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Periodic;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.QueueEntry;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes the parents that changes to gifts queued, on the gate's lowest lane. Everything waiting is taken at
 * once and coalesced: a batch of 600 gifts for one donor recomputes that donor once. People go first, then the
 * households of those whose totals changed, then companies, appeals and opportunities; each 60 parents of a kind
 * cost a read of their gifts, a read of the parents and at most one write.
 */
@ApplicationScoped
class RollupWorker {

    /** Entries taken in one round: each names the parents of one write, so this covers thousands of gifts. */
    private static final int CLAIM = 500;
    private static final Duration CLAIM_FOR = Duration.ofMinutes(5);
    private static final Duration RETRY_IN = Duration.ofSeconds(30);

    private final OperationalStore store;
    private final RollupEngine engine;
    private final RollupSettings settings;
    private final boolean serves;
    private final Periodic.Rounds rounds = new Periodic.Rounds();

    RollupWorker(OperationalStore store, RollupEngine engine, RollupSettings settings, FundraisingConfig config) {
        this.store = store;
        this.engine = engine;
        this.settings = settings;
        this.serves = !config.emulatorOnly() && settings.incremental();
    }

    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (serves) {
            rounds.start(settings.poll(), this::round, RollupWorker.class, "rollup_round_failed",
                    "could not recompute waiting totals; trying again");
        }
    }

    void atShutdown(@Observes ShutdownEvent shutdown) {
        rounds.stop();
    }

    /** One look at the queue: whatever waits is recomputed, or put back for a later round when Twenty failed. */
    Uni<Void> round() {
        return store.claim(GiftChanges.QUEUE, CLAIM, CLAIM_FOR).chain(entries -> {
            if (entries.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            Map<ParentKind, Set<String>> waiting = new EnumMap<>(ParentKind.class);
            for (QueueEntry entry : entries) {
                for (String line : entry.payload().split("\n")) {
                    if (!line.isBlank()) {
                        ParentRef parent = ParentRef.fromLine(line.trim());
                        waiting.computeIfAbsent(parent.kind(), kind -> new LinkedHashSet<>()).add(parent.id());
                    }
                }
            }
            TwentyCaller caller = TwentyCaller.system(Lane.ROLLUP, "rollup.incremental");
            return recompute(caller, waiting)
                    .invoke(written -> LogEvent.of(RollupWorker.class, "rollup_recomputed").with("requestId", caller.requestId())
                            .with("parents", waiting.values().stream().mapToInt(Set::size).sum())
                            .with("written", written).info("totals recomputed"))
                    .chain(() -> settle(entries, null))
                    .onFailure().call(failure -> settle(entries, failure.getMessage()))
                    .replaceWithVoid();
        });
    }

    /** Recomputes kind after kind, in {@link ParentKind}'s order; households of changed people join the households. */
    private Uni<Integer> recompute(TwentyCaller caller, Map<ParentKind, Set<String>> waiting) {
        int[] written = {0};
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (ParentKind kind : ParentKind.values()) {
            chain = chain.chain(() -> {
                List<String> ids = new ArrayList<>(waiting.getOrDefault(kind, Set.of()));
                RollupRules rules = engine.rules();
                return Multi.createFrom().iterable(RollupEngine.chunks(ids))
                        .onItem().transformToUniAndConcatenate(chunk -> engine.recompute(caller, kind, chunk, rules))
                        .onItem().invoke(done -> {
                            written[0] += done.written();
                            waiting.computeIfAbsent(ParentKind.HOUSEHOLD, k -> new LinkedHashSet<>()).addAll(done.households());
                        })
                        .collect().last().replaceWithVoid();
            });
        }
        return chain.map(ignored -> written[0]);
    }

    private Uni<Void> settle(List<QueueEntry> entries, String failure) {
        return Multi.createFrom().iterable(entries)
                .onItem().transformToUniAndConcatenate(entry -> failure == null
                        ? store.ack(GiftChanges.QUEUE, entry.id())
                        : store.retryLater(GiftChanges.QUEUE, entry.id(), RETRY_IN, failure))
                .collect().last().replaceWithVoid();
    }
}
