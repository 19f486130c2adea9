package org.fundraising.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Semaphore;

/**
 * The crash test's child process: enqueues {@code count} entries, up to 32 at a time, and prints
 * {@code ACK <payload>} the moment the store acknowledges each one. It is killed with SIGKILL part-way.
 * Usage: {@code QueueWriterMain embedded <dir> <count>} or {@code QueueWriterMain redis <url> <count>}.
 */
public final class QueueWriterMain {

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        OperationalStore store = "embedded".equals(args[0])
                ? EmbeddedStore.open(Path.of(args[1]), json)
                : new RedisStore(Redis.createClient(Vertx.vertx(), new RedisOptions().setConnectionString(args[1])
                        .setMaxPoolWaiting(4096)), json);
        int count = Integer.parseInt(args[2]);
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
        out.println("READY");
        Semaphore window = new Semaphore(32);
        for (int i = 0; i < count; i++) {
            window.acquire();
            String payload = "entry-" + i;
            store.enqueue("crash", payload).subscribe().with(id -> {
                synchronized (out) {
                    out.println("ACK " + payload);
                }
                window.release();
            }, failure -> window.release());
        }
        window.acquire(32);
        out.println("DONE");
    }
}
