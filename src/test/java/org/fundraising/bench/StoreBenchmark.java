package org.fundraising.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import org.fundraising.platform.store.EmbeddedStore;
import org.fundraising.platform.store.OperationalStore;
import org.fundraising.platform.store.QueueEntry;
import org.fundraising.platform.store.RedisStore;
import org.fundraising.support.RedisServer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Queue append + ack on both stores, durable (embedded: fsync per group commit; Redis: appendfsync always):
 * latency of one append-then-ack pair, one at a time (p50/p99), and throughput with 32 pairs in flight.
 * Run with {@code ./mvnw test -Pbench -Dtest=StoreBenchmark}.
 */
class StoreBenchmark {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void embedded() throws Exception {
        EmbeddedStore store = EmbeddedStore.open(Files.createTempDirectory("bench-store"), new ObjectMapper());
        try {
            measure("embedded (MVStore, fsync)", store);
        } finally {
            store.close();
        }
    }

    @Test
    void redis() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Vertx vertx = Vertx.vertx();
            Redis client = server.client(vertx);
            try {
                measure("redis (appendfsync always)", new RedisStore(client, new ObjectMapper()));
            } finally {
                client.close();
                vertx.closeAndAwait();
            }
        }
    }

    private static void measure(String name, OperationalStore store) throws Exception {
        for (int i = 0; i < 300; i++) {
            appendAndAck(store, "warm");
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            long started = System.nanoTime();
            appendAndAck(store, "seq");
            micros.add((System.nanoTime() - started) / 1000);
        }
        Collections.sort(micros);
        BenchFigures.print(String.format("store %s: append+ack one at a time p50 %.2f ms, p99 %.2f ms (1,000 pairs)",
                name, BenchFigures.percentile(micros, 50) / 1000, BenchFigures.percentile(micros, 99) / 1000));

        int pairs = 5000;
        Semaphore window = new Semaphore(32);
        List<CompletableFuture<?>> all = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < pairs; i++) {
            window.acquire();
            all.add(store.enqueue("par", "payload-" + i)
                    .chain(() -> store.claim("par", 1, Duration.ofMinutes(1)))
                    .chain(claimed -> claimed.isEmpty() ? io.smallrye.mutiny.Uni.createFrom().voidItem()
                            : store.ack("par", claimed.get(0).id()))
                    .eventually(() -> window.release())
                    .subscribeAsCompletionStage());
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - started) / 1e9;
        BenchFigures.print(String.format("store %s: %d append+claim+ack with 32 in flight in %.2f s = %.0f pairs/s",
                name, pairs, seconds, pairs / seconds));
    }

    private static void appendAndAck(OperationalStore store, String queue) {
        store.enqueue(queue, "{\"type\":\"invoice.paid\"}").await().atMost(WAIT);
        List<QueueEntry> claimed = store.claim(queue, 1, Duration.ofMinutes(1)).await().atMost(WAIT);
        store.ack(queue, claimed.get(0).id()).await().atMost(WAIT);
    }
}
