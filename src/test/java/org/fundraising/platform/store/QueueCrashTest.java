package org.fundraising.platform.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import org.fundraising.support.RedisServer;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A writer is killed with SIGKILL at a random moment; a new process must find every entry whose enqueue was
 * acknowledged. For Redis the server is killed at the same moment and restarted from its append-only file.
 */
class QueueCrashTest {

    private static final int ENTRIES = 10_000;

    @Test
    void embeddedLosesNoAcknowledgedEntry() throws Exception {
        Path directory = Files.createTempDirectory("fundraising-crash");
        Set<String> acknowledged = runAndKill(List.of("embedded", directory.toString()), null);
        EmbeddedStore reopened = EmbeddedStore.open(directory, new ObjectMapper());
        try {
            assertEveryAcknowledgedEntryIsThere(reopened, acknowledged);
        } finally {
            reopened.close();
        }
    }

    @Test
    void redisWithFsyncAlwaysLosesNoAcknowledgedEntry() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            Set<String> acknowledged = runAndKill(List.of("redis", server.url()), server);
            server.launch();
            Vertx vertx = Vertx.vertx();
            Redis client = server.client(vertx);
            try {
                assertEveryAcknowledgedEntryIsThere(new RedisStore(client, new ObjectMapper()), acknowledged);
            } finally {
                client.close();
                vertx.closeAndAwait();
            }
        }
    }

    private static Set<String> runAndKill(List<String> target, RedisServer alsoKill) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                QueueWriterMain.class.getName()));
        command.addAll(target);
        command.add(String.valueOf(ENTRIES));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int killAfter = ThreadLocalRandom.current().nextInt(500, 8_000);
        Set<String> acknowledged = new HashSet<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    acknowledged.add(line.substring(4));
                    if (acknowledged.size() == killAfter) {
                        child.destroyForcibly();
                        if (alsoKill != null) {
                            alsoKill.kill();
                        }
                        break;
                    }
                }
            }
        }
        child.waitFor();
        assertTrue(acknowledged.size() >= killAfter, "the writer stopped early: " + acknowledged.size() + " acknowledged");
        System.out.println("crash test: killed after " + acknowledged.size() + " acknowledged entries");
        return acknowledged;
    }

    private static void assertEveryAcknowledgedEntryIsThere(OperationalStore store, Set<String> acknowledged) {
        Set<String> found = new HashSet<>();
        store.claim("crash", ENTRIES, Duration.ofMinutes(5)).await().atMost(Duration.ofSeconds(30))
                .forEach(entry -> found.add(entry.payload()));
        Set<String> lost = new HashSet<>(acknowledged);
        lost.removeAll(found);
        assertTrue(lost.isEmpty(), lost.size() + " acknowledged entries lost, e.g. " + lost.stream().limit(5).toList());
    }
}
