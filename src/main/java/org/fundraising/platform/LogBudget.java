package org.fundraising.platform;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cap on how often one kind of line is written: at most {@code perWindow} in each window, and the first line of
 * the next window says how many were left out. For what anyone on the network can cause at will (an unsigned
 * webhook post), so that a flood of them cannot flood the log too.
 */
public final class LogBudget {

    private final int perWindow;
    private final long windowNanos;
    private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong skipped = new AtomicLong();

    public LogBudget(int perWindow, Duration window) {
        this.perWindow = perWindow;
        this.windowNanos = window.toNanos();
    }

    /**
     * Whether a line may be written now: -1 when not (it is counted as left out), else how many were left out since
     * the last line written (0 mostly), to be said in this one.
     */
    public long take() {
        long now = System.nanoTime();
        long start = windowStart.get();
        if (now - start > windowNanos && windowStart.compareAndSet(start, now)) {
            written.set(0);
        }
        if (written.incrementAndGet() > perWindow) {
            skipped.incrementAndGet();
            return -1;
        }
        return skipped.getAndSet(0);
    }
}
