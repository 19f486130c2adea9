package org.fundraising.support;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A real redis-server on a free loopback port, with its data in a temporary directory (AOF, fsync always). */
public final class RedisServer implements AutoCloseable {

    private final Path directory;
    private final int port;
    private Process process;

    private RedisServer(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    public static RedisServer start() throws Exception {
        RedisServer server = new RedisServer(Files.createTempDirectory("fundraising-redis"), ServiceProcess.freePort());
        server.launch();
        return server;
    }

    /** Starts again on the same port and directory, so it replays its append-only file. */
    public void launch() throws Exception {
        String binary = Files.isExecutable(Path.of("/usr/bin/redis-server")) ? "/usr/bin/redis-server" : "redis-server";
        process = new ProcessBuilder(List.of(binary, "--port", String.valueOf(port), "--bind", "127.0.0.1",
                "--dir", directory.toString(), "--save", "", "--appendonly", "yes", "--appendfsync", "always",
                "--protected-mode", "no"))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("redis.log").toFile())
                .start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not start; see " + directory.resolve("redis.log"));
    }

    /** SIGKILL: no chance to flush anything that was not already on disk. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A client sized like the service's (see quarkus.redis.* in application.properties). */
    public io.vertx.mutiny.redis.client.Redis client(io.vertx.mutiny.core.Vertx vertx) {
        return io.vertx.mutiny.redis.client.Redis.createClient(vertx, new io.vertx.redis.client.RedisOptions()
                .setConnectionString(url()).setMaxPoolSize(16).setMaxPoolWaiting(4096));
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
