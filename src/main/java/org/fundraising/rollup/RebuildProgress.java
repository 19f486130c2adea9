package org.fundraising.rollup;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What a rebuild has done so far; read for its snapshot while it runs. */
final class RebuildProgress {

    private final String runId;
    private final boolean dryRun;
    private final List<ParentKind> scope;
    private final Instant startedAt = Instant.now();
    private final LongAdder calls;
    private final AtomicLong giftsRead = new AtomicLong();
    private final AtomicLong parentsRead = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong writeCalls = new AtomicLong();
    private final Map<ParentKind, AtomicLong> changed = new EnumMap<>(ParentKind.class);
    private volatile String phase = "reading gifts";
    private volatile RollupRun.Status status = RollupRun.Status.RUNNING;
    private volatile String error;
    private volatile Instant finishedAt;

    RebuildProgress(String runId, boolean dryRun, List<ParentKind> scope, LongAdder calls) {
        this.runId = runId;
        this.dryRun = dryRun;
        this.scope = List.copyOf(scope);
        this.calls = calls;
        scope.forEach(kind -> changed.put(kind, new AtomicLong()));
    }

    void giftRead() {
        giftsRead.incrementAndGet();
    }

    void parentRead() {
        parentsRead.incrementAndGet();
    }

    void changed(ParentKind kind) {
        changed.get(kind).incrementAndGet();
    }

    /** A write of {@code records} made, or, in a dry run, one that would be made. */
    void wrote(int records) {
        writeCalls.incrementAndGet();
        if (!dryRun) {
            written.addAndGet(records);
        }
    }

    void phase(String now) {
        phase = now;
    }

    boolean dryRun() {
        return dryRun;
    }

    List<ParentKind> scope() {
        return scope;
    }

    void finished(String failure) {
        error = failure;
        status = failure == null ? RollupRun.Status.COMPLETED : RollupRun.Status.FAILED;
        phase = failure == null ? "done" : "failed";
        finishedAt = Instant.now();
    }

    RollupRun snapshot() {
        Map<String, Long> changes = new LinkedHashMap<>();
        changed.forEach((kind, count) -> changes.put(kind.label(), count.get()));
        // A real run's calls include its writes; a dry run's planned cost adds the writes it only counted.
        long planned = calls.sum() + (dryRun ? writeCalls.get() : 0);
        return new RollupRun(runId, status, dryRun, scope, phase, startedAt, finishedAt, Instant.now(), giftsRead.get(),
                parentsRead.get(), changes, written.get(), calls.sum(), planned, error);
    }
}
