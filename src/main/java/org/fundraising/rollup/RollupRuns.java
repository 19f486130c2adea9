package org.fundraising.rollup;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Periodic;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts full rebuilds and answers for them. One rebuild runs at a time across all instances (a hold in the
 * operational store, renewed every second while it runs); its snapshot is saved as often, so any instance answers
 * a poll. A rebuild whose instance stopped is not taken over: its snapshot reads as interrupted once its hold has
 * run out, and the next one (started by hand or by the schedule) does the whole work again, harmlessly.
 */
@ApplicationScoped
class RollupRuns {

    private static final String HOLD = "rollup-rebuild-hold";
    private static final String SNAPSHOT = "rollup-run:";
    private static final String NIGHTLY = "rollup-nightly:";
    private static final Duration LEASE = Duration.ofMinutes(2);
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration KEPT_FOR = Duration.ofDays(7);

    private final OperationalStore store;
    private final RollupEngine engine;
    private final ObjectMapper json;
    private final FundraisingConfig config;

    RollupRuns(OperationalStore store, RollupEngine engine, ObjectMapper json, FundraisingConfig config) {
        this.store = store;
        this.engine = engine;
        this.json = json;
        this.config = config;
    }

    /** Starts a rebuild of {@code scope}, or fails with 409 naming the rebuild that is running. */
    Uni<RollupRun> start(List<ParentKind> scope, boolean dryRun, String startedBy) {
        String runId = UUID.randomUUID().toString();
        return store.putIfAbsent(HOLD, runId, LEASE).chain(taken -> {
            if (!taken) {
                return store.get(HOLD).chain(active -> Uni.createFrom().failure(new ApiException(409,
                        "A rollup rebuild is running" + active.map(id -> " (" + id + ")").orElse("")
                                + ": poll it, or start again when it has finished")));
            }
            LongAdder calls = new LongAdder();
            RebuildProgress progress = new RebuildProgress(runId, dryRun, scope, calls);
            return save(progress).invoke(() -> launch(progress, calls, startedBy)).replaceWith(progress::snapshot);
        });
    }

    Uni<Optional<RollupRun>> find(String runId) {
        return store.get(SNAPSHOT + runId).map(stored -> stored.map(this::parse).map(run -> run.asSeen(Instant.now(), LEASE)));
    }

    /** The run's snapshot each time it changes, looked at twice a second, until it has finished; 404 when unknown. */
    Multi<RollupRun> events(String runId) {
        Uni<RollupRun> now = find(runId).map(found -> found.orElseThrow(() -> unknown(runId)));
        return Periodic.follow(now, POLL, run -> run.status().finished());
    }

    static ApiException unknown(String runId) {
        return new ApiException(404, "Rollup run " + runId + " not found");
    }

    /**
     * The scheduled full rebuild ({@code FUNDRAISING_ROLLUP_REBUILD_CRON}, {@code off} to turn it off): run once a day
     * by whichever instance comes first, skipped while another rebuild runs.
     */
    @Scheduled(identity = "rollup-rebuild", cron = "${fundraising.rollup.rebuild-cron:" + RollupSettings.DEFAULT_REBUILD_CRON + "}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        if (config.emulatorOnly()) {
            return Uni.createFrom().voidItem();
        }
        LocalDate today = LocalDate.now(config.timezone());
        return store.putIfAbsent(NIGHTLY + today, "started", Duration.ofHours(36)).chain(first -> !first
                ? Uni.createFrom().voidItem()
                : start(List.of(ParentKind.values()), false, "schedule").replaceWithVoid()
                        .onFailure(ApiException.class).recoverWithItem(busy -> {
                            LogEvent.of(RollupRuns.class, "rollup_rebuild_skipped").with("reason", busy.getMessage())
                                    .info("scheduled rebuild skipped");
                            return null;
                        }));
    }

    private void launch(RebuildProgress progress, LongAdder calls, String startedBy) {
        RollupRun first = progress.snapshot();
        TwentyCaller caller = TwentyCaller.run(Lane.ROLLUP, "rollup.rebuild", first.runId(), calls);
        LogEvent.of(RollupRuns.class, "rollup_rebuild_started").with("runId", first.runId()).with("dryRun", first.dryRun())
                .with("scope", String.join(",", first.scope().stream().map(ParentKind::label).toList()))
                .with("startedBy", startedBy).info("rollup rebuild started");
        Cancellable saving = Periodic.every(SAVE_EVERY, () -> save(progress).chain(() ->
                        store.compareAndSet(HOLD, first.runId(), first.runId(), LEASE)).replaceWithVoid(),
                RollupRuns.class, "rollup_rebuild_state_not_saved", "a rebuild's progress was not saved");
        new RollupRebuild(engine, caller, progress).run()
                .onItemOrFailure().transformToUni((done, failure) -> {
                    saving.cancel();
                    progress.finished(failure == null ? null : failure.getMessage());
                    RollupRun last = progress.snapshot();
                    LogEvent.of(RollupRuns.class, "rollup_rebuild_finished").with("runId", last.runId())
                            .with("status", last.status().label()).with("dryRun", last.dryRun())
                            .with("giftsRead", last.giftsRead()).with("parentsRead", last.parentsRead())
                            .with("recordsWritten", last.recordsWritten()).with("twentyCalls", last.twentyCalls())
                            .with("error", last.error()).info("rollup rebuild finished");
                    return save(progress).chain(() -> store.compareAndSet(HOLD, last.runId(), null, null)).replaceWithVoid();
                })
                .subscribe().with(ignored -> { }, failure -> LogEvent.of(RollupRuns.class, "rollup_rebuild_state_lost")
                        .with("runId", first.runId()).with("reason", failure.getMessage()).warn("a rebuild's last state was not saved"));
    }

    private Uni<Void> save(RebuildProgress progress) {
        RollupRun snapshot = progress.snapshot();
        try {
            return store.put(SNAPSHOT + snapshot.runId(), json.writeValueAsString(snapshot), KEPT_FOR);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private RollupRun parse(String stored) {
        try {
            return json.readValue(stored, RollupRun.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable rollup run: " + e.getOriginalMessage(), e);
        }
    }
}
