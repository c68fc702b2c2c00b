package io.kiln.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
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
 * Kiln as a real, separate JVM: {@code java [jvmOptions] -cp <test classpath> io.kiln.app.Main serve
 * --port P --data D [flags]}. Started on a free loopback port, ready once {@code /health} answers 200;
 * can be killed with SIGKILL ({@link #kill()}) or stopped ({@link #stop()}). Its stdout and stderr go
 * to one log file, read with {@link #log()}. A process left running when the test JVM exits is killed.
 */
public final class ServerProcess implements AutoCloseable {

    /**
     * The JVM options of {@link #start(Path, String...)} and {@link #run}: C1 only and the serial
     * collector. A test server lives seconds, and on a small, busy machine C2 and parallel-GC threads
     * roughly double its start and its conversions. (C1 makes SHA-256 several times slower, though:
     * a test that streams gigabytes passes its own options.)
     */
    public static final List<String> QUICK_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "kiln-server-process-reaper"));
    }

    private final Path data;
    private final int port;
    private final Path logFile;
    private final Process process;
    private final boolean ownGroup;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ServerProcess(Path data, int port, boolean ownGroup, List<String> jvmOptions, Map<String, String> env,
                          List<String> flags) throws IOException {
        this.data = data;
        this.port = port == 0 ? freePort() : port;
        this.ownGroup = ownGroup;
        this.logFile = Files.createTempFile("kiln-server-" + this.port + "-", ".log");
        List<String> command = new ArrayList<>();
        if (ownGroup) {
            // setsid execs in place (a child of the JVM is no group leader): the server's pid is its group's id
            command.add("setsid");
        }
        command.addAll(javaCommand(jvmOptions));
        command.addAll(List.of("io.kiln.app.Main", "serve", "--port", Integer.toString(this.port),
                "--data", data.toString()));
        command.addAll(flags);
        if (!flags.contains("--browsers")) {
            command.addAll(List.of("--browsers", "0")); // no test of a whole process is about the browser
        }
        if (!flags.contains("--drain-timeout")) {
            // a test that stops a server mid-job is not about the drain: it would wait the default 30 s
            command.addAll(List.of("--drain-timeout", "2s"));
        }
        if (!flags.contains("--office-processes")) {
            // nor about office; and a server killed with -9 would leave its office processes behind
            command.addAll(List.of("--office-processes", "0"));
        }
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(data.toFile()) // a stray relative path (./data) lands in the test's temp dir
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("KILN_"));
        pb.environment().putAll(env);
        this.process = pb.start();
        LIVE.add(process);
    }

    /** Starts a server on {@code data} with these serve flags and waits until {@code /health} is 200. */
    public static ServerProcess start(Path data, String... flags) {
        return start(data, QUICK_JVM_OPTIONS, Map.of(), flags);
    }

    /**
     * As {@link #start(Path, String...)}, with exactly these JVM options (e.g. {@code -Xmx256m}; none
     * means the JVM's defaults) and extra environment.
     */
    public static ServerProcess start(Path data, List<String> jvmOptions, Map<String, String> env, String... flags) {
        return start(data, 0, false, jvmOptions, env, flags);
    }

    /**
     * A server leading a process group of its own (with its office and browser processes, as under
     * systemd or a container runtime), on {@code port} (0: a free one) so that a restart on the same
     * data keeps its address; {@link #killGroup()} and {@link #signalGroup} act on the whole group.
     */
    public static ServerProcess startInOwnGroup(Path data, int port, Map<String, String> env, String... flags) {
        return start(data, port, true, QUICK_JVM_OPTIONS, env, flags);
    }

    private static ServerProcess start(Path data, int port, boolean ownGroup, List<String> jvmOptions,
                                       Map<String, String> env, String... flags) {
        ServerProcess p;
        try {
            Files.createDirectories(data);
            p = new ServerProcess(data, port, ownGroup, jvmOptions, env, List.of(flags));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            p.awaitHealthy(Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            p.dumpThreads(); // a server that runs but does not answer: its threads say why
            String log = p.log();
            p.kill();
            if (ownGroup) {
                ProcessSignals.send("KILL", "-" + p.process.pid()); // its office and browser processes too
            }
            p.close();
            throw new AssertionError("kiln server process did not become healthy: " + e.getMessage()
                    + "\n--- its log ---\n" + log, e);
        }
        return p;
    }

    /**
     * Runs {@code java -cp <test classpath> io.kiln.app.Main args...} to its end (a command that should
     * exit by itself, e.g. a serve with bad configuration) in {@code workDir}.
     */
    public static Result run(Path workDir, Map<String, String> env, Duration timeout, String... args) {
        try {
            Path out = Files.createTempFile(workDir, "stdout", ".txt");
            Path err = Files.createTempFile(workDir, "stderr", ".txt");
            List<String> command = new ArrayList<>(javaCommand(QUICK_JVM_OPTIONS));
            command.add("io.kiln.app.Main");
            command.addAll(List.of(args));
            ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().keySet().removeIf(k -> k.startsWith("KILN_"));
            pb.environment().putAll(env);
            Process p = pb.start();
            LIVE.add(p);
            try {
                if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    p.destroyForcibly().waitFor();
                    throw new AssertionError("kiln " + String.join(" ", args) + " did not exit within " + timeout
                            + "; stdout:\n" + Files.readString(out) + "\nstderr:\n" + Files.readString(err));
                }
            } finally {
                LIVE.remove(p);
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What a finished command left: its exit code, stdout and stderr. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private static List<String> javaCommand(List<String> jvmOptions) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(jvmOptions);
        // as deployed: the server's own logging, not the test classpath's quieter logback-test.xml
        command.add("-Dlogback.configurationFile=logback.xml");
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    /** A loopback port free at the moment of asking. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitHealthy(Duration timeout) {
        await("kiln on port " + port + " answers /health").atMost(timeout)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .failFast("the server process exited", () -> !process.isAlive())
                .until(() -> healthStatus() == 200);
    }

    /**
     * Asks a live server JVM for its threads: platform threads by SIGQUIT (printed into its log), and
     * virtual ones (where request handlers run) by {@code jcmd Thread.dump_to_file},
     * appended to the log.
     */
    private void dumpThreads() {
        if (!process.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-QUIT", Long.toString(process.pid())).start().waitFor(5, TimeUnit.SECONDS);
            await().pollDelay(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> log().contains("Full thread dump"));
            Path all = Files.createTempFile("kiln-threads-", ".txt");
            Files.delete(all); // jcmd refuses to overwrite
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            new ProcessBuilder(jcmd.toString(), Long.toString(process.pid()), "Thread.dump_to_file", "-format=text",
                    all.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(20, TimeUnit.SECONDS);
            if (Files.exists(all)) {
                Files.writeString(logFile, "\n--- every thread, virtual ones included (jcmd) ---\n" + Files.readString(all),
                        java.nio.file.StandardOpenOption.APPEND);
                Files.delete(all);
            }
            // what the network sees: the listening socket's queue and each connection's state, and
            // one probe's own account of how far it got (connected? request sent? any answer?)
            appendOutput("sockets on its port (ss)", "ss", "-tanpie", "( sport = :" + port + " or dport = :" + port + " )");
            appendOutput("one probe (curl -v)", "curl", "-sv", "--max-time", "5", base() + "/health");
        } catch (IOException | RuntimeException e) {
            // no dump: the log says what it says
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void appendOutput(String title, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        Files.writeString(logFile, "\n--- " + title + " ---\n" + new String(out, java.nio.charset.StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** The status of {@code GET /health}; throws when the server does not answer. */
    public int healthStatus() throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/health")).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    public String base() {
        return "http://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessHandle handle() {
        return process.toHandle();
    }

    public Path data() {
        return data;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit status of the process, which must have ended (128 + 9 after {@link #kill()} on Unix). */
    public int exitValue() {
        return process.exitValue();
    }

    /** Everything the process wrote to stdout and stderr so far. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    /**
     * {@code kill -9} of the whole process group, as an OOM killer or a power cut would end it;
     * returns once the server and every other member of its group are gone.
     */
    public void killGroup() {
        signalGroup("KILL");
        awaitExit(Duration.ofSeconds(30));
        await("the killed server's process group is empty").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(50)).until(() -> groupMembers().isEmpty());
    }

    /** Sends {@code signal} (e.g. {@code TERM}, {@code STOP}) to every process of the server's group. */
    public void signalGroup(String signal) {
        if (!ownGroup) {
            throw new IllegalStateException("the server was not started in a process group of its own");
        }
        ProcessSignals.send(signal, "-" + process.pid());
    }

    /** The live processes of the server's group (itself, office processes, browsers), by pid. */
    public List<Long> groupMembers() {
        return ProcessSignals.groupMembers(process.pid());
    }

    /** {@code kill -9}: no shutdown hook runs. Returns once the process is gone. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** A normal stop (SIGTERM: shutdown hooks run); falls back to SIGKILL after 30 s. */
    public void stop() {
        process.destroy();
        if (!awaitExit(Duration.ofSeconds(30))) {
            kill();
        }
        if (ownGroup && !groupMembers().isEmpty()) {
            signalGroup("KILL"); // what a stop left of the group (a test's concern, not the server's)
        }
    }

    /** Waits up to {@code timeout} for the server process to exit; true if it did. */
    public boolean awaitExit(Duration timeout) {
        try {
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (exited) {
                LIVE.remove(process);
            }
            return exited;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the process if it still runs and deletes its log; the data directory is the caller's. */
    @Override
    public void close() {
        if (process.isAlive()) {
            stop();
        }
        try {
            Files.deleteIfExists(logFile);
        } catch (IOException ignored) {
            // best effort
        }
    }
}
