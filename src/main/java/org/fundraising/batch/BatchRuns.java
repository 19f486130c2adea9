package org.fundraising.batch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;
import org.fundraising.platform.FundraisingConfig;
import org.fundraising.platform.LogEvent;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.twenty.Lane;
import org.fundraising.twenty.TwentyCaller;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Starts, keeps and answers for the runs of gift batches. A run is a Mutiny stream of chunks on the gate's batch
 * lane with the service key; it goes on after the request that started it has been answered. Its snapshot is
 * kept in the operational store after every chunk, so any instance can answer a poll or stream its progress.
 * One run of a type per batch at a time: the guard is a lease in the store, renewed after every chunk, so a run
 * whose instance died frees its batch when the lease runs out ({@code FUNDRAISING_BATCH_RUN_LEASE_MS}) and can
 * simply be started again.
 */
@ApplicationScoped
public class BatchRuns {

    /** What a run does: a stream of finished chunks (their row counts), each having told {@code progress} about its rows. */
    @FunctionalInterface
    interface Work {
        Multi<Integer> run(TwentyCaller caller, RunProgress progress);
    }

    private static final Duration KEPT_FOR = Duration.ofDays(7);
    private static final Duration POLL = Duration.ofMillis(500);

    private final OperationalStore store;
    private final ObjectMapper json;
    private final Duration lease;

    BatchRuns(OperationalStore store, ObjectMapper json, FundraisingConfig config) {
        this.store = store;
        this.json = json;
        this.lease = config.batch().runLease();
    }

    /**
     * Starts {@code work} unless a run of the type is active on the batch (409 with that run's snapshot);
     * {@code callsAtStart} are the Twenty calls made to start it, the first of the run's own.
     */
    Uni<RunSnapshot> start(String batchId, RunType type, Integer maxRows, long callsAtStart, Work work) {
        String runId = UUID.randomUUID().toString();
        String guard = guardKey(batchId, type);
        return store.putIfAbsent(guard, runId, lease).chain(taken -> {
            if (!taken) {
                return store.get(guard).chain(active -> active.map(id -> snapshot(id))
                                .orElse(Uni.createFrom().nullItem()))
                        .chain(active -> Uni.createFrom().failure(new ApiException(409, "A " + type.label() + " run of batch "
                                + batchId + " is active" + (active == null ? "" : " (" + active.runId() + ")")
                                + ": poll it, or start again when it has finished", active == null ? List.of() : List.of(active), null)));
            }
            RunProgress progress = new RunProgress(runId, batchId, type, maxRows);
            LongAdder attempts = new LongAdder();
            attempts.add(callsAtStart);
            TwentyCaller caller = TwentyCaller.run(Lane.BATCH, "batch." + type.label(), runId, attempts);
            progress.running();
            return save(progress).invoke(() -> launch(guard, progress, attempts, work.run(caller, progress)))
                    .replaceWith(progress::snapshot);
        });
    }

    private void launch(String guard, RunProgress progress, LongAdder attempts, Multi<Integer> chunks) {
        String runId = progress.snapshot().runId();
        LogEvent.of(BatchRuns.class, "batch_run_started").with("runId", runId).with("batchId", progress.snapshot().batchId())
                .with("runType", progress.snapshot().runType().label()).info("batch run started");
        chunks.onItem().call(chunk -> {
                    progress.calls(attempts.sum());
                    return holdOn(guard, runId).chain(() -> save(progress));
                })
                .collect().last()
                .onItemOrFailure().transformToUni((done, failure) -> {
                    progress.calls(attempts.sum());
                    progress.finished(failure == null ? null : failure.getMessage());
                    RunSnapshot last = progress.snapshot();
                    LogEvent.of(BatchRuns.class, "batch_run_finished").with("runId", runId).with("status", last.status().label())
                            .with("processed", last.counters().processed()).with("errors", last.counters().errors())
                            .with("twentyCalls", last.execution().twentyCalls()).info("batch run finished");
                    return save(progress).chain(() -> store.delete(guard));
                })
                .subscribe().with(ignored -> { }, failure -> LogEvent.of(BatchRuns.class, "batch_run_state_lost")
                        .with("runId", runId).with("reason", failure.getMessage()).warn("a run's last state was not saved"));
    }

    /**
     * Renews the run's hold on its batch. A hold that ran out while a slow chunk waited is taken again if nobody
     * else took it; when another run holds the batch, this one stops (their work is the same, and ids derived from
     * the rows keep it from being done twice, but one is enough).
     */
    private Uni<Void> holdOn(String guard, String runId) {
        return store.compareAndSet(guard, runId, runId, lease)
                .chain(renewed -> renewed ? Uni.createFrom().item(true) : store.putIfAbsent(guard, runId, lease))
                .chain(held -> held ? Uni.createFrom().voidItem() : Uni.createFrom().failure(
                        new IllegalStateException("another run took the batch over after this one's hold ran out")));
    }

    /**
     * The run's snapshot, from any instance; 404 when there is no such run of the type on the batch. A run that
     * says it is running while its hold on the batch has run out died with its instance: it is answered (and kept)
     * as failed, so that nobody waits for it, and the batch can be run again.
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
                if (holder.isPresent() && holder.get().equals(runId)) {
                    return Uni.createFrom().item(found);
                }
                // Only if the snapshot is still the one read: a run that finished meanwhile keeps its own end.
                RunSnapshot abandoned = found.abandoned();
                return store.compareAndSet(snapshotKey(runId), stored.get(), write(abandoned), KEPT_FOR)
                        .chain(replaced -> replaced ? Uni.createFrom().item(abandoned) : get(batchId, type, runId));
            });
        });
    }

    /**
     * The snapshot each time it changes, ending with the finished one. Read from the store every half second, so
     * the stream works on any instance, whichever runs the batch.
     */
    Multi<RunSnapshot> events(String batchId, RunType type, String runId) {
        AtomicBoolean finished = new AtomicBoolean();
        return Multi.createBy().concatenating().streams(get(batchId, type, runId).toMulti(),
                        Multi.createFrom().ticks().every(POLL).onItem().transformToUniAndConcatenate(tick -> get(batchId, type, runId)))
                .select().first(snapshot -> !finished.getAndSet(snapshot.status().finished()))
                .skip().repetitions();
    }

    private Uni<RunSnapshot> snapshot(String runId) {
        return store.get(snapshotKey(runId)).map(found -> found.map(this::parse).orElse(null));
    }

    private Uni<Void> save(RunProgress progress) {
        RunSnapshot snapshot = progress.snapshot();
        return store.put(snapshotKey(snapshot.runId()), write(snapshot), KEPT_FOR);
    }

    private String write(RunSnapshot snapshot) {
        try {
            return json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a run snapshot cannot be written", e);
        }
    }

    private RunSnapshot parse(String text) {
        try {
            return json.readValue(text, RunSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored run snapshot cannot be read", e);
        }
    }

    private static String guardKey(String batchId, RunType type) {
        return "batch-run-active:" + type.label() + ":" + batchId;
    }

    private static String snapshotKey(String runId) {
        return "batch-run:" + runId;
    }
}
