package org.fundraising.platform.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.fundraising.platform.ApiException;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One change at a time to a Twenty record whose new fields are computed from the ones read (a refund's running
 * total, a status that must not move back): the read and the write happen under a short lease in the operational
 * store, so two requests — on one instance or on several sharing Redis — apply one after the other, each reading
 * what the other wrote. Twenty has no compare-and-set of its own, so this is the only place such a race can be
 * stopped. A change that cannot have the record within {@link #WAIT} is answered 409, to be sent again.
 */
@ApplicationScoped
public class RecordLocks {

    /** How long one change may hold a record: a read and a write, waited out behind Twenty's rate limit. */
    static final Duration HOLD = Duration.ofSeconds(60);
    /** How long a change waits for the record before it is answered 409. */
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final Duration FIRST_PAUSE = Duration.ofMillis(20);
    private static final Duration LONGEST_PAUSE = Duration.ofMillis(500);

    private final Leases leases;

    RecordLocks(Leases leases) {
        this.leases = leases;
    }

    /** {@code work} run while holding {@code record} (e.g. "gift:<id>"); the record is let go however it ends. */
    public <T> Uni<T> one(String record, Supplier<Uni<T>> work) {
        String owner = UUID.randomUUID().toString();
        String name = "record:" + record;
        long deadline = System.nanoTime() + WAIT.toNanos();
        return taken(name, owner, deadline, FIRST_PAUSE)
                .chain(work::get)
                .onTermination().call(() -> leases.release(name, owner).onFailure().recoverWithNull());
    }

    /** {@code work} run while holding every one of {@code records}, taken in one order so two callers never wait on each other. */
    public <T> Uni<T> all(Collection<String> records, Supplier<Uni<T>> work) {
        List<String> ordered = records.stream().distinct().sorted().toList();
        Supplier<Uni<T>> held = work;
        for (int i = ordered.size() - 1; i >= 0; i--) {
            String record = ordered.get(i);
            Supplier<Uni<T>> inner = held;
            held = () -> one(record, inner);
        }
        return held.get();
    }

    private Uni<Void> taken(String name, String owner, long deadline, Duration pause) {
        return leases.tryAcquire(name, owner, HOLD).chain(acquired -> {
            if (acquired) {
                return Uni.createFrom().voidItem();
            }
            if (System.nanoTime() + pause.toNanos() > deadline) {
                return Uni.createFrom().failure(new ApiException(409, "Another change to this record is being applied; "
                        + "send this one again in a moment", List.of(), Duration.ofSeconds(1)));
            }
            Duration next = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
            return Uni.createFrom().voidItem().onItem().delayIt().by(pause).chain(() -> taken(name, owner, deadline, next));
        });
    }
}
