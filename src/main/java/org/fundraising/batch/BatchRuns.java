package org.fundraising.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.Periodic;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.Renewal;
import org.fundraising.platform.store.QueueEntry;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts, keeps and answers for the runs of gift batches. A run is a Mutiny stream of chunks on the gate's batch
 * lane with the service key; it goes on after the request that started it has been answered. Its snapshot is
 * kept in the operational store after every chunk, so any instance can answer a poll or stream its progress.
 * One run of a type per batch at a time: the guard is a hold in the store naming the run and the instance
 * running it, renewed after every chunk and on a heartbeat. Every active run also has a ticket in the store's {@code batch-runs}
 * queue, which every instance looks at: a run whose instance stopped (crash, redeploy) lets its hold run out
 * ({@code FUNDRAISING_BATCH_RUN_LEASE_MS}), and the first instance to look then takes the same run over where it
 * stood. Ids derived from the rows make whatever the stopped instance had half done safe to do again.
 */
@ApplicationScoped
public class BatchRuns {

    static final String TICKETS = "batch-runs";

    private static final Duration KEPT_FOR = Duration.ofDays(7);
    private static final Duration POLL = Duration.ofMillis(500);

    private final OperationalStore store;
    private final ObjectMapper json;
    private final RunWorks works;
    private final ChunkPatience patience;
    private final Duration lease;
    private final boolean servesRuns;
    private final Periodic.Rounds rounds = new Periodic.Rounds();

    BatchRuns(OperationalStore store, ObjectMapper json, RunWorks works, ChunkPatience patience,
              FundraisingConfig config) {
        this.patience = patience;
        this.store = store;
        this.json = json;
        this.works = works;
        this.lease = config.batch().runLease();
        this.servesRuns = !config.emulatorOnly();
    }

    /**
     * Starts the job on {@code input} unless a run of the type is active on the batch (409 with that run's snapshot);
     * {@code callsAtStart} are the Twenty calls made to start it, the first of the run's own.
     */
    Uni<RunSnapshot> start(String batchId, RunType type, Integer maxRows, List<String> stagingIds, RunInput input,
                           long callsAtStart) {
        RunJob job = new RunJob(UUID.randomUUID().toString(), batchId, type, maxRows, stagingIds, input.importFile());
        Hold hold = Hold.of(job.runId());
        String guard = guardKey(batchId, type);
        return store.putIfAbsent(guard, hold.value(), lease).chain(taken -> {
            if (!taken) {
                return store.get(guard).chain(active -> active.map(holder -> snapshot(Hold.runIdOf(holder)))
                                .orElse(Uni.createFrom().nullItem()))
                        .chain(active -> Uni.createFrom().failure(new ApiException(409, (type == RunType.IMPORT ? "An " : "A ") + type.label() + " run of batch "
                                + batchId + " is active" + (active == null ? "" : " (" + active.runId() + ")")
                                + ": poll it, or start again when it has finished", active == null ? List.of() : List.of(active), null)));
            }
            RunProgress progress = new RunProgress(job.runId(), batchId, type, maxRows);
            progress.running();
            input.announce(progress);
            LongAdder attempts = new LongAdder();
            attempts.add(callsAtStart);
            progress.calls(callsAtStart);
            return input.keep()
                    .chain(() -> save(progress))
                    .chain(() -> store.enqueue(TICKETS, write(job)))
                    .invoke(() -> launch(job, hold, progress, attempts, input, maxRows))
                    .replaceWith(progress::snapshot);
        });
    }

    private void launch(RunJob job, Hold hold, RunProgress progress, LongAdder attempts, RunInput input,
                        Integer maxRows) {
        TwentyCaller caller = TwentyCaller.run(Lane.BATCH, "batch." + job.type().label(), job.runId(), attempts);
        LogEvent.of(BatchRuns.class, "batch_run_started").with("runId", job.runId()).with("batchId", job.batchId())
                .with("runType", job.type().label()).info("batch run started");
        String guard = guardKey(job.batchId(), job.type());
        Renewal.Held heartbeat = keepHolding(guard, hold);
        works.run(job, caller, progress, input, maxRows)
                .onItem().call(chunk -> {
                    progress.calls(attempts.sum());
                    return holdOn(guard, hold).chain(() -> save(progress));
                })
                .collect().last()
                .onTermination().invoke(heartbeat::release)
                .onItemOrFailure().transformToUni((done, failure) -> {
                    if (failure instanceof HoldLost) {
                        LogEvent.of(BatchRuns.class, "batch_run_hold_lost").with("runId", job.runId())
                                .warn("another instance took this run over after its hold ran out; stopping here");
                        return Uni.createFrom().voidItem();
                    }
                    progress.calls(attempts.sum());
                    progress.finished(failure == null ? null : failure.getMessage());
                    RunSnapshot last = progress.snapshot();
                    LogEvent.of(BatchRuns.class, "batch_run_finished").with("runId", job.runId()).with("status", last.status().label())
                            .with("processed", last.counters().processed()).with("errors", last.counters().errors())
                            .with("twentyCalls", last.execution().twentyCalls()).with("reason", failure == null ? null : failure.getMessage())
                            .info("batch run finished");
                    return ended(job, hold, progress);
                })
                .subscribe().with(ignored -> { }, failure -> LogEvent.of(BatchRuns.class, "batch_run_state_lost")
                        .with("runId", job.runId()).with("reason", failure.getMessage()).warn("a run's last state was not saved"));
    }

    /** A finished run: its last snapshot kept, the batch let go, and what it kept for a takeover with it. */
    private Uni<Void> ended(RunJob job, Hold hold, RunProgress progress) {
        return save(progress).chain(() -> store.compareAndSet(guardKey(job.batchId(), job.type()), hold.value(), null, null))
                .chain(() -> works.ended(job));
    }

    /**
     * Renews the hold on a heartbeat too, not only after each chunk: a run waiting out a Twenty outage (or reading
     * its rows to be taken over) keeps its hold, and only a run whose instance stopped is taken over.
     */
    private Renewal.Held keepHolding(String guard, Hold hold) {
        return Renewal.every(lease.dividedBy(3), lease, () -> store.compareAndSet(guard, hold.value(), hold.value(), lease));
    }

    /**
     * Renews the run's hold on its batch. A hold that ran out while a slow chunk waited is taken again if nobody
     * else took it; when another instance holds the batch (it took this run over, or another run started), this
     * one stops, leaving the snapshot to the holder.
     */
    private Uni<Void> holdOn(String guard, Hold hold) {
        return store.compareAndSet(guard, hold.value(), hold.value(), lease)
                .chain(renewed -> renewed ? Uni.createFrom().item(true) : store.putIfAbsent(guard, hold.value(), lease))
                .chain(held -> held ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new HoldLost()));
    }

    /** Looks at the tickets of active runs a few times per lease, on every instance that serves the API. */
    void whenServing(@ObservesAsync HttpServerStart serving) {
        if (!servesRuns) {
            return;
        }
        rounds.start(sweepInterval(lease), this::sweep, BatchRuns.class, "batch_run_sweep_failed",
                "could not look at the active runs; trying again");
    }

    void atShutdown(@Observes ShutdownEvent shutdown) {
        rounds.stop();
    }

    /** A quarter of the lease, within a quarter second and five seconds. */
    static Duration sweepInterval(Duration lease) {
        long quarter = lease.toMillis() / 4;
        return Duration.ofMillis(Math.max(250, Math.min(5000, quarter)));
    }

    /** One look at the tickets that are due: finished runs let go, live ones looked at again later, stopped ones taken over. */
    Uni<Void> sweep() {
        return store.claim(TICKETS, 20, lease).onItem().transformToMulti(entries -> Multi.createFrom().iterable(entries))
                .onItem().transformToUniAndConcatenate(this::look)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> look(QueueEntry ticket) {
        RunJob job = parseJob(ticket.payload());
        String guard = guardKey(job.batchId(), job.type());
        return store.get(snapshotKey(job.runId())).chain(stored -> {
            RunSnapshot left = stored.map(this::parse).orElse(null);
            if (left == null || left.status().finished()) {
                return store.ack(TICKETS, ticket.id());
            }
            return store.get(guard).chain(holder -> {
                if (holder.isPresent() && Hold.runIdOf(holder.get()).equals(job.runId())) {
                    return store.retryLater(TICKETS, ticket.id(), lease.dividedBy(2), "running");
                }
                if (holder.isPresent()) {
                    return store.compareAndSet(snapshotKey(job.runId()), stored.get(),
                                    write(left.superseded(Hold.runIdOf(holder.get()))), KEPT_FOR)
                            .chain(() -> store.ack(TICKETS, ticket.id()));
                }
                Hold hold = Hold.of(job.runId());
                return store.putIfAbsent(guard, hold.value(), lease).chain(taken -> {
                    if (taken) {
                        takeOver(job, hold, left);
                    }
                    return store.retryLater(TICKETS, ticket.id(), lease.dividedBy(2), taken ? "taken over" : "contended");
                });
            });
        });
    }

    /** Goes on with a run whose instance stopped: same run id, what it had done kept, its rows read afresh. */
    private void takeOver(RunJob job, Hold hold, RunSnapshot left) {
        RunProgress progress = RunProgress.takenOver(left);
        LongAdder attempts = new LongAdder();
        attempts.add(left.execution().twentyCalls());
        TwentyCaller caller = TwentyCaller.run(Lane.BATCH, "batch." + job.type().label(), job.runId(), attempts);
        LogEvent.of(BatchRuns.class, "batch_run_taken_over").with("runId", job.runId()).with("batchId", job.batchId())
                .with("runType", job.type().label()).with("rowsDone", left.counters().candidates())
                .info("a run whose instance stopped is taken over");
        Renewal.Held holding = keepHolding(guardKey(job.batchId(), job.type()), hold);
        save(progress).chain(() -> patience.retried(caller, () -> works.reopen(job, caller)))
                .onTermination().invoke(holding::release)
                .subscribe().with(
                        input -> launch(job, hold, progress, attempts, input, job.maxRowsAfter(left.counters().candidates())),
                        failure -> {
                            progress.finished(failure.getMessage());
                            ended(job, hold, progress).subscribe().with(ignored -> { }, ignored -> { });
                        });
    }

    /**
     * The run's snapshot, from any instance; 404 when there is no such run of the type on the batch. A run whose
     * instance stopped reads as queued until another instance takes it over; one that another run of the batch
     * replaced meanwhile reads (and is kept) as failed.
     */
    Uni<RunSnapshot> get(String batchId, RunType type, String runId) {
        return store.get(snapshotKey(runId)).chain(stored -> {
            RunSnapshot found = stored.map(this::parse).orElse(null);
            if (found == null || !found.batchId().equals(batchId) || found.runType() != type) {
                return Uni.createFrom().failure(ApiException.notFound("No " + type.label() + " run " + runId + " on gift batch " + batchId));
            }
            if (found.status().finished()) {
                return Uni.createFrom().item(found);
            }
            return store.get(guardKey(batchId, type)).chain(holder -> {
                if (holder.isEmpty()) {
                    return Uni.createFrom().item(found.awaitingTakeover());
                }
                String holdingRun = Hold.runIdOf(holder.get());
                if (holdingRun.equals(runId)) {
                    return Uni.createFrom().item(found);
                }
                // Only if the snapshot is still the one read: a run that finished meanwhile keeps its own end.
                RunSnapshot superseded = found.superseded(holdingRun);
                return store.compareAndSet(snapshotKey(runId), stored.get(), write(superseded), KEPT_FOR)
                        .chain(replaced -> replaced ? Uni.createFrom().item(superseded) : get(batchId, type, runId));
            });
        });
    }

    /**
     * The snapshot each time it changes, ending with the finished one. Read from the store every half second, so
     * the stream works on any instance, whichever runs the batch.
     */
    Multi<RunSnapshot> events(String batchId, RunType type, String runId) {
        return Periodic.follow(get(batchId, type, runId), POLL, snapshot -> snapshot.status().finished());
    }

    private Uni<RunSnapshot> snapshot(String runId) {
        return store.get(snapshotKey(runId)).map(found -> found.map(this::parse).orElse(null));
    }

    private Uni<Void> save(RunProgress progress) {
        RunSnapshot snapshot = progress.snapshot();
        return store.put(snapshotKey(snapshot.runId()), write(snapshot), KEPT_FOR);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run's state cannot be written", e);
        }
    }

    private RunSnapshot parse(String text) {
        try {
            return json.readValue(text, RunSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run snapshot cannot be read", e);
        }
    }

    private RunJob parseJob(String text) {
        try {
            return json.readValue(text, RunJob.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run ticket cannot be read", e);
        }
    }

    private static String guardKey(String batchId, RunType type) {
        return "batch-run-active:" + type.label() + ":" + batchId;
    }

    private static String snapshotKey(String runId) {
        return "batch-run:" + runId;
    }

    /** Who holds a batch: the run, and which start or takeover of it (so an instance that lost its hold can tell). */
    private record Hold(String value) {
        static Hold of(String runId) {
            return new Hold(runId + " " + UUID.randomUUID());
        }

        static String runIdOf(String value) {
            int space = value.indexOf(' ');
            return space < 0 ? value : value.substring(0, space);
        }
    }

    /** This instance's hold on the batch went to another: the run goes on there. */
    private static final class HoldLost extends RuntimeException {
        HoldLost() {
            super("another instance holds the batch now", null, false, false);
        }
    }
}
