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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service as a child process on a free port: {@code target/quarkus-app/quarkus-run.jar}, or under the
 * {@code native} profile the native binary ({@code -Dservice.binary=…}), so the same integration tests run against
 * whichever was built.
 */
public final class ServiceProcess implements AutoCloseable {

    /** The packaged jar; {@code -Dservice.jar=…} points at another build (a benchmark's "before"). */
    private static final Path JAR = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));
    /** A native executable to run instead of the jar; blank or unset runs the jar. */
    private static final String BINARY = System.getProperty("service.binary", "").trim();

    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServiceProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    public static ServiceProcess start(String name, Map<String, String> env) throws Exception {
        return start(name, env, launch());
    }

    /** Started with its open-files limit lowered to {@code openFiles}, as a container's {@code ulimit} would set it. */
    public static ServiceProcess startWithOpenFiles(String name, Map<String, String> env, int openFiles) throws Exception {
        List<String> line = new ArrayList<>(List.of("sh", "-c", "ulimit -n " + openFiles + " && exec \"$0\" \"$@\""));
        line.addAll(launch());
        return start(name, env, line);
    }

    private static ServiceProcess start(String name, Map<String, String> env, List<String> line) throws Exception {
        // A caller that restarts the service on the same address passes PORT (and FUNDRAISING_MANAGEMENT_PORT).
        int port = env.containsKey("PORT") ? Integer.parseInt(env.get("PORT")) : freePort();
        int managementPort = env.containsKey("FUNDRAISING_MANAGEMENT_PORT") ? Integer.parseInt(env.get("FUNDRAISING_MANAGEMENT_PORT")) : freePort();
        Path log = Files.createTempFile("fundraising-" + name, ".log");
        ProcessBuilder builder = new ProcessBuilder(line)
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(port));
        builder.environment().put("FUNDRAISING_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.environment().putAll(env);
        ServiceProcess service = new ServiceProcess(builder.start(), port, managementPort, log);
        service.awaitHealthy();
        return service;
    }

    /** Starts the jar expecting it to stop by itself; returns what it printed. */
    public static String failToStart(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("fundraising-failing", ".log");
        ProcessBuilder builder = new ProcessBuilder(launch())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PORT", String.valueOf(freePort()));
        builder.environment().put("FUNDRAISING_MANAGEMENT_PORT", String.valueOf(freePort()));
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
        List<String> line = launch();
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

    /** The command line that starts the packaged service. */
    private static List<String> launch() {
        Path program = BINARY.isEmpty() ? JAR : Path.of(BINARY);
        if (!Files.exists(program)) {
            throw new IllegalStateException(program + " is missing: integration tests run after ./mvnw package");
        }
        if (!BINARY.isEmpty()) {
            return new ArrayList<>(List.of(program.toString()));
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ArrayList<>(List.of(java, "-jar", JAR.toString()));
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: probes at {@code /q/health/*} and metrics at {@code /q/metrics}. */
    public String management() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** The process's id (the JVM's, when started with {@code java -jar}). */
    public long pid() {
        return process.pid();
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

    /**
     * A port nothing listens on, and never one handed out before in this run: the system may offer a port just
     * closed again (more so once thousands of connections have passed), and two processes given one port collide.
     */
    public static int freePort() throws IOException {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            }
        }
    }
}
