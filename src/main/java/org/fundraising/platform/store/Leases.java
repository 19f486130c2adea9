package org.fundraising.platform.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Optional;

/**
 * Leases with expiry and renewal on top of the store's compare-and-set (in Redis: {@code SET NX PX} and a
 * compare script): at most one holder per name across replicas, e.g. one active run per batch and run type.
 * A holder that dies simply stops renewing and the lease expires.
 */
@ApplicationScoped
public class Leases {

    private static final String PREFIX = "lease:";

    private final OperationalStore store;

    public Leases(OperationalStore store) {
        this.store = store;
    }

    /** True when {@code owner} holds the lease now (newly, or again: acquiring twice renews). */
    public Uni<Boolean> acquire(String name, String owner, Duration ttl) {
        return store.putIfAbsent(PREFIX + name, owner, ttl)
                .chain(acquired -> acquired ? Uni.createFrom().item(true) : renew(name, owner, ttl));
    }

    /** True when {@code owner} took the lease now; false when anyone holds it, {@code owner} included. */
    public Uni<Boolean> tryAcquire(String name, String owner, Duration ttl) {
        return store.putIfAbsent(PREFIX + name, owner, ttl);
    }

    public Uni<Boolean> renew(String name, String owner, Duration ttl) {
        return store.compareAndSet(PREFIX + name, owner, owner, ttl);
    }

    public Uni<Boolean> release(String name, String owner) {
        return store.compareAndSet(PREFIX + name, owner, null, null);
    }

    public Uni<Optional<String>> holder(String name) {
        return store.get(PREFIX + name);
    }
}
