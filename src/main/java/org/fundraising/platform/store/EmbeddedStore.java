package org.fundraising.platform.store;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import org.fundraising.platform.LogEvent;
import org.h2.mvstore.MVMap;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.h2.mvstore.MVStore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The default store: H2's MVStore in {@code <dataDir>/operational.mv.db}. One writer thread runs every operation;
 * the writes of a batch of concurrent operations are committed and fsync'd together (group commit) before any of
 * them completes, so a completed write survives SIGKILL and power loss, at one fsync per batch rather than per
 * write. Queue claims are kept in memory: after a restart every unsettled entry is simply claimable again.
 */
public final class EmbeddedStore implements OperationalStore, AutoCloseable {

    static final String FILE_NAME = "operational.mv.db";
    private static final int MAX_BATCH = 512;

    @RegisterForReflection
    record StoredEntry(String payload, int attempts, long notBefore, boolean parked, String lastError) {
    }

    private static final class Op<T> {
        final Supplier<T> action;
        final boolean writes;
        final UniEmitter<? super T> emitter;
        final Context context;
        T result;
        Throwable failure;

        Op(Supplier<T> action, boolean writes, UniEmitter<? super T> emitter, Context context) {
            this.action = action;
            this.writes = writes;
            this.emitter = emitter;
            this.context = context;
        }

        void complete() {
            Runnable settle = () -> {
                if (failure != null) {
                    emitter.fail(failure);
                } else {
                    emitter.complete(result);
                }
            };
            // Callers continue on their own event loop, never on the writer thread.
            if (context != null) {
                context.runOnContext(ignored -> settle.run());
            } else {
                Infrastructure.getDefaultExecutor().execute(settle);
            }
        }
    }

    private final Path directory;
    private final MVStore store;
    private final MVMap<String, String> values;
    /** Last id given per queue, kept so that ids are never reused, even after the queue was emptied. */
    private final MVMap<String, Long> sequences;
    private final ObjectMapper json;
    private final LinkedBlockingQueue<Op<?>> pending = new LinkedBlockingQueue<>();
    private final Map<String, Map<Long, Long>> claims = new HashMap<>();
    private final Thread writer;
    private volatile boolean running = true;
    private long lastSweep = System.currentTimeMillis();

    private EmbeddedStore(Path directory, MVStore store, ObjectMapper json) {
        this.directory = directory;
        this.store = store;
        this.json = json;
        this.values = store.openMap("values");
        this.sequences = store.openMap("sequences");
        this.writer = new Thread(this::writeLoop, "operational-store-writer");
        this.writer.setDaemon(true);
        this.writer.start();
    }

    /**
     * Opens (creating) the store, or fails with a message an operator can act on: a configuration error, which
     * start-up prints as that one line rather than a stack trace.
     */
    public static EmbeddedStore open(Path directory, ObjectMapper json) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConfigurationException("FUNDRAISING_DATA_DIR " + directory.toAbsolutePath()
                    + " cannot be created: " + e.getMessage());
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new ConfigurationException("FUNDRAISING_DATA_DIR " + directory.toAbsolutePath() + " is not writable");
        }
        try {
            MVStore store = new MVStore.Builder()
                    .fileName(directory.resolve(FILE_NAME).toString())
                    .autoCommitDisabled()
                    .open();
            return new EmbeddedStore(directory, store, json);
        } catch (RuntimeException e) {
            String reason = String.valueOf(e.getMessage());
            if (reason.toLowerCase().contains("locked")) {
                throw new ConfigurationException("FUNDRAISING_DATA_DIR " + directory.toAbsolutePath()
                        + " is locked by another running instance; stop it, or give this one its own directory "
                        + "(several replicas need FUNDRAISING_REDIS_URL)");
            }
            throw new ConfigurationException("The operational store in FUNDRAISING_DATA_DIR " + directory.toAbsolutePath()
                    + " cannot be opened: " + reason);
        }
    }

    @Override
    public String kind() {
        return "embedded";
    }

    @Override
    public Uni<Optional<String>> get(String key) {
        return read(() -> Optional.ofNullable(live(key)));
    }

    @Override
    public Uni<Void> put(String key, String value, Duration ttl) {
        return write(() -> {
            values.put(key, encode(value, ttl));
            return null;
        });
    }

    @Override
    public Uni<Boolean> putIfAbsent(String key, String value, Duration ttl) {
        return write(() -> {
            if (live(key) != null) {
                return false;
            }
            values.put(key, encode(value, ttl));
            return true;
        });
    }

    @Override
    public Uni<Boolean> compareAndSet(String key, String expected, String value, Duration ttl) {
        return write(() -> {
            String current = live(key);
            if (!Objects.equals(current, expected)) {
                return false;
            }
            if (value == null) {
                values.remove(key);
            } else {
                values.put(key, encode(value, ttl));
            }
            return true;
        });
    }

    @Override
    public Uni<Void> delete(String key) {
        return write(() -> {
            values.remove(key);
            return null;
        });
    }

    @Override
    public Uni<String> enqueue(String queue, String payload) {
        return write(() -> {
            long id = nextId(queue);
            entries(queue).put(id, encodeEntry(new StoredEntry(payload, 0, 0, false, null)));
            return String.valueOf(id);
        });
    }

    @Override
    public Uni<Optional<String>> enqueueOnce(String queue, String onceKey, String payload, Duration ttl) {
        return write(() -> {
            if (live(onceKey) != null) {
                return Optional.<String>empty();
            }
            long id = nextId(queue);
            entries(queue).put(id, encodeEntry(new StoredEntry(payload, 0, 0, false, null)));
            values.put(onceKey, encode(String.valueOf(id), ttl));
            return Optional.of(String.valueOf(id));
        });
    }

    @Override
    public Uni<Boolean> swapAndEnqueue(List<Swap> swaps, Duration ttl, String queue, String payload) {
        return write(() -> {
            for (Swap swap : swaps) {
                if (!Objects.equals(live(swap.key()), swap.expected())) {
                    return false;
                }
            }
            swaps.forEach(swap -> values.put(swap.key(), encode(swap.value(), ttl)));
            entries(queue).put(nextId(queue), encodeEntry(new StoredEntry(payload, 0, 0, false, null)));
            return true;
        });
    }

    @Override
    public Uni<List<QueueEntry>> claim(String queue, int max, Duration visibility) {
        return read(() -> {
            long now = System.currentTimeMillis();
            Map<Long, Long> claimed = claims.computeIfAbsent(queue, q -> new HashMap<>());
            List<QueueEntry> out = new ArrayList<>();
            for (Map.Entry<Long, String> row : entries(queue).entrySet()) {
                if (out.size() >= max) {
                    break;
                }
                StoredEntry entry = decodeEntry(row.getValue());
                Long visibleAgain = claimed.get(row.getKey());
                if (entry.parked() || entry.notBefore() > now || (visibleAgain != null && visibleAgain > now)) {
                    continue;
                }
                claimed.put(row.getKey(), now + visibility.toMillis());
                out.add(new QueueEntry(String.valueOf(row.getKey()), entry.payload(), entry.attempts(), entry.lastError()));
            }
            return out;
        });
    }

    @Override
    public Uni<Void> ack(String queue, String id) {
        return write(() -> {
            long key = Long.parseLong(id);
            entries(queue).remove(key);
            claims.computeIfAbsent(queue, q -> new HashMap<>()).remove(key);
            return null;
        });
    }

    @Override
    public Uni<Void> retryLater(String queue, String id, Duration delay, String reason) {
        return update(queue, id, entry -> new StoredEntry(entry.payload(), entry.attempts() + 1,
                System.currentTimeMillis() + delay.toMillis(), false, reason));
    }

    @Override
    public Uni<Void> park(String queue, String id, String reason) {
        return update(queue, id, entry -> new StoredEntry(entry.payload(), entry.attempts(), entry.notBefore(), true, reason));
    }

    @Override
    public Uni<List<QueueEntry>> parked(String queue, int max) {
        return read(() -> {
            List<QueueEntry> out = new ArrayList<>();
            for (Map.Entry<Long, String> row : entries(queue).entrySet()) {
                StoredEntry entry = decodeEntry(row.getValue());
                if (entry.parked() && out.size() < max) {
                    out.add(new QueueEntry(String.valueOf(row.getKey()), entry.payload(), entry.attempts(), entry.lastError()));
                }
            }
            return out;
        });
    }

    @Override
    public Uni<Boolean> unpark(String queue, String id) {
        return write(() -> {
            Long key = parsedId(id);
            MVMap<Long, String> entries = entries(queue);
            String stored = key == null ? null : entries.get(key);
            if (stored == null || !decodeEntry(stored).parked()) {
                return false;
            }
            StoredEntry entry = decodeEntry(stored);
            entries.put(key, encodeEntry(new StoredEntry(entry.payload(), 0, System.currentTimeMillis(), false, entry.lastError())));
            return true;
        });
    }

    private static Long parsedId(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public Uni<QueueDepth> depth(String queue) {
        return read(() -> {
            long now = System.currentTimeMillis();
            Map<Long, Long> claimed = claims.getOrDefault(queue, Map.of());
            long waiting = 0;
            long inFlight = 0;
            long parked = 0;
            for (Map.Entry<Long, String> row : entries(queue).entrySet()) {
                StoredEntry entry = decodeEntry(row.getValue());
                Long visibleAgain = claimed.get(row.getKey());
                if (entry.parked()) {
                    parked++;
                } else if (visibleAgain != null && visibleAgain > now) {
                    inFlight++;
                } else {
                    waiting++;
                }
            }
            return new QueueDepth(waiting, inFlight, parked);
        });
    }

    @Override
    public Uni<Void> ping() {
        return read(() -> {
            if (store.isClosed() || !Files.isWritable(directory)) {
                throw new ConfigurationException("FUNDRAISING_DATA_DIR " + directory.toAbsolutePath() + " is not writable");
            }
            return null;
        });
    }

    @Override
    public void close() {
        running = false;
        writer.interrupt();
        try {
            writer.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!store.isClosed()) {
            store.close();
        }
    }

    private Uni<Void> update(String queue, String id, UnaryOperator<StoredEntry> change) {
        return write(() -> {
            long key = Long.parseLong(id);
            MVMap<Long, String> entries = entries(queue);
            String stored = entries.get(key);
            if (stored == null) {
                throw new IllegalArgumentException("no entry " + id + " in queue " + queue);
            }
            entries.put(key, encodeEntry(change.apply(decodeEntry(stored))));
            claims.computeIfAbsent(queue, q -> new HashMap<>()).remove(key);
            return null;
        });
    }

    private <T> Uni<T> read(Supplier<T> action) {
        return submit(action, false);
    }

    private <T> Uni<T> write(Supplier<T> action) {
        return submit(action, true);
    }

    private <T> Uni<T> submit(Supplier<T> action, boolean writes) {
        return Uni.createFrom().emitter(emitter -> {
            if (!running) {
                emitter.fail(new IllegalStateException("the operational store is closed"));
                return;
            }
            pending.add(new Op<>(action, writes, emitter, Vertx.currentContext()));
        });
    }

    private void writeLoop() {
        List<Op<?>> batch = new ArrayList<>();
        while (running || !pending.isEmpty()) {
            try {
                Op<?> first = pending.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    sweepExpired();
                    continue;
                }
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
            } catch (InterruptedException e) {
                if (!running) {
                    pending.drainTo(batch);
                } else {
                    continue;
                }
            }
            runBatch(batch);
            batch.clear();
        }
    }

    private void runBatch(List<Op<?>> batch) {
        boolean wrote = false;
        for (Op<?> op : batch) {
            wrote |= run(op);
        }
        if (wrote) {
            try {
                store.commit();
                store.sync();
            } catch (RuntimeException e) {
                LogEvent.of(EmbeddedStore.class, "operational_store_commit_failed").with("reason", e.getMessage())
                        .error("operational store commit failed; the batch's writes are reported as failed");
                batch.stream().filter(op -> op.writes).forEach(op -> op.failure = e);
            }
        }
        batch.forEach(Op::complete);
    }

    private static <T> boolean run(Op<T> op) {
        try {
            op.result = op.action.get();
            return op.writes;
        } catch (Throwable failure) {
            op.failure = failure;
            return false;
        }
    }

    private void sweepExpired() {
        long now = System.currentTimeMillis();
        if (now - lastSweep < 60_000) {
            return;
        }
        lastSweep = now;
        List<String> expired = new ArrayList<>();
        values.forEach((key, stored) -> {
            long expiresAt = Long.parseLong(stored.substring(0, stored.indexOf('\t')));
            if (expiresAt != 0 && expiresAt <= now) {
                expired.add(key);
            }
        });
        if (!expired.isEmpty()) {
            expired.forEach(values::remove);
            store.commit();
        }
    }

    private String live(String key) {
        String stored = values.get(key);
        if (stored == null) {
            return null;
        }
        int tab = stored.indexOf('\t');
        long expiresAt = Long.parseLong(stored.substring(0, tab));
        return expiresAt != 0 && expiresAt <= System.currentTimeMillis() ? null : stored.substring(tab + 1);
    }

    private static String encode(String value, Duration ttl) {
        long expiresAt = ttl == null ? 0 : System.currentTimeMillis() + Math.max(1, ttl.toMillis());
        return expiresAt + "\t" + value;
    }

    private MVMap<Long, String> entries(String queue) {
        return store.openMap("queue:" + queue);
    }

    private long nextId(String queue) {
        long next = sequences.getOrDefault(queue, 0L) + 1;
        sequences.put(queue, next);
        return next;
    }

    private String encodeEntry(StoredEntry entry) {
        try {
            return json.writeValueAsString(entry);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private StoredEntry decodeEntry(String stored) {
        try {
            return json.readValue(stored, StoredEntry.class);
        } catch (Exception e) {
            throw new IllegalStateException("unreadable queue entry", e);
        }
    }
}
