package org.fundraising.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The packaged service ({@code target/quarkus-app/quarkus-run.jar}) as a child process on a free port. */
public final class ServiceProcess implements AutoCloseable {

    /** The packaged jar; {@code -Dservice.jar=…} points at another build (a benchmark's "before"). */
    private static final Path JAR = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    public static ServiceProcess start(String name, Map<String, String> env) throws Exception {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: integration tests run after ./mvnw package");
        }
        int port = freePort();
        Path log = Files.createTempFile("fundraising-" + name, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(builder.start(), port, log);
        service.awaitHealthy();
        return service;
    }

    /** Starts the jar expecting it to stop by itself; returns what it printed. */
    public static String failToStart(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("fundraising-failing", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(freePort()));
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the service did not stop: " + Files.readString(log));
        }
        if (process.exitValue() == 0) {
            throw new IllegalStateException("the service exited 0: " + Files.readString(log));
        }
        return Files.readString(log);
    }

    /** What a command run of the jar printed, and its exit status. */
    public record CommandResult(int exit, String output) {
    }

    /** Runs the jar with arguments (a command such as {@code schema apply}) to its end. */
    public static CommandResult command(Map<String, String> env, String... args) throws Exception {
        Path log = Files.createTempFile("fundraising-command", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> line = new ArrayList<>(List.of(java, "-jar", JAR.toString()));
        line.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the command did not end: " + Files.readString(log));
        }
        return new CommandResult(process.exitValue(), Files.readString(log));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    private void awaitHealthy() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited: " + Files.readString(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the service did not start within 30 s: " + Files.readString(log));
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
