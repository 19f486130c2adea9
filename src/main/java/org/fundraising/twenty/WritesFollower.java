package org.fundraising.twenty;

import io.smallrye.mutiny.Uni;

/**
 * Follows this service's writes to Twenty, whichever feature made them (donor totals follow gifts). The writer goes
 * on only once {@link #follow} has finished, so what a follower records about a write is stored before the writer's
 * next step: a process killed in between dies before that step too, and the work done again announces the write
 * again. A follower's failure is its own to log; it never fails the write, which Twenty already holds.
 */
public interface WritesFollower {

    Uni<Void> follow(RecordsWritten written);
}
