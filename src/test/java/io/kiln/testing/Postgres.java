package io.kiln.testing;

import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real, throw-away PostgreSQL server for the tests: Debian's {@code postgresql} binaries (which
 * {@code ./kiln test} installs), a cluster made with {@code initdb} in a temporary directory, the
 * server on a free loopback port, started at first use and stopped when the test JVM ends. As root
 * it runs as the {@code postgres} user (PostgreSQL refuses root). Each caller gets a database of its
 * own. Missing PostgreSQL fails the test; {@code KILN_TEST_SKIP_POSTGRES=1} skips such tests instead.
 */
public final class Postgres {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final String SUPERUSER = "postgres";
    private static Postgres server;

    private final Path dir;
    private final int port;
    private final Process process;

    private Postgres(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** The server, started on first use. */
    public static synchronized Postgres server() {
        assumeFalse("1".equals(System.getenv("KILN_TEST_SKIP_POSTGRES")), "KILN_TEST_SKIP_POSTGRES=1");
        if (server == null) {
            try {
                server = start();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL could not be started for the tests (./kiln test installs "
                        + "Debian's postgresql; KILN_TEST_SKIP_POSTGRES=1 skips these tests): " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "kiln-test-postgres-stop"));
        }
        return server;
    }

    /** A new, empty database; its JDBC URL (user {@link #user()}, no password). */
    public String freshDatabase() {
        String name = "kiln_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create a test database", e);
        }
        return url(name);
    }

    public String user() {
        return SUPERUSER;
    }

    /** The loopback port the server listens on. */
    public int port() {
        return port;
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    private static Postgres start() throws IOException, InterruptedException {
        Path bin = binaries().orElseThrow(() -> new IOException("no PostgreSQL under /usr/lib/postgresql"));
        Path dir = Files.createTempDirectory("kiln-test-postgres");
        Path data = dir.resolve("data");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(SUPERUSER);
            Files.setOwner(dir, owner);
        }
        run(root, List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER, "-A", "trust",
                "-E", "UTF8", "--locale=C", "--no-sync"));
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // durability off: a test database never outlives its run
        Process process = new ProcessBuilder(command(root, List.of(bin.resolve("postgres").toString(), "-D", data.toString(),
                "-p", String.valueOf(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300")))
                .redirectErrorStream(true).redirectOutput(dir.resolve("server.log").toFile()).start();
        Postgres started = new Postgres(dir, port, process);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection c = DriverManager.getConnection(started.url("postgres"), SUPERUSER, "")) {
                return started;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    String log = Files.exists(dir.resolve("server.log")) ? Files.readString(dir.resolve("server.log")) : "";
                    started.stop();
                    throw new IOException("the server did not accept connections: " + notYet.getMessage() + "\n" + log);
                }
                Thread.sleep(50);
            }
        }
    }

    /** The newest installed major version's bin directory. */
    private static Optional<Path> binaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("postgres")))
                    .max(Comparator.comparingInt(Postgres::major));
        }
    }

    private static int major(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<String> command(boolean root, List<String> command) {
        List<String> out = new ArrayList<>();
        if (root) {
            out.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
        }
        out.addAll(command);
        return out;
    }

    private static void run(boolean root, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command(root, command)).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }

    private void stop() {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // a leftover directory in /tmp is harmless
        }
    }
}
