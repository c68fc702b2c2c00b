package io.kiln.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.app.Kiln;
import io.kiln.config.ConfigLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A real Kiln server on a random loopback port with its own data directory, spoken to over HTTP.
 * Extra serve flags go in {@code args}; the clock is a {@link MutableClock} the test controls. With
 * the system properties {@code kiln.test.database=postgres} and {@code kiln.test.storage=s3} (the
 * build's second test run: a cluster's set-up) its database is a fresh one on the tests' real
 * {@link Postgres} instead of embedded H2, and its stored files go to a bucket of the tests'
 * {@link S3Server}; both are kept with the data directory, so that a server started again on it
 * ({@link #startOn}) finds its jobs and files.
 */
public final class TestServer implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();

    private final Path data;
    private final Kiln kiln;
    private final MutableClock clock = new MutableClock();
    private final HttpClient http = HttpClient.newHttpClient();
    private String key;

    private TestServer(Path data, String... args) throws IOException {
        this.data = data;
        List<String> all = new ArrayList<>(List.of("--port", "0", "--data", data.toString()));
        all.addAll(databaseFlags(data));
        all.addAll(storageFlags(data));
        if (!Arrays.asList(args).contains("--office-processes")) {
            // office processes cost seconds of CPU to start; tests that convert office files ask for them
            all.addAll(List.of("--office-processes", "0"));
        }
        if (!Arrays.asList(args).contains("--browsers")) {
            // likewise browsers: tests of the Chromium renderer ask for them, the rest use the Java one
            all.addAll(List.of("--browsers", "0"));
        }
        all.addAll(Arrays.asList(args));
        this.kiln = Kiln.start(ConfigLoader.load(all.toArray(String[]::new), Map.of()), clock);
    }

    /** With {@code kiln.test.storage=s3}, the data directory's own bucket on the tests' {@link S3Server}; else nothing. */
    private static List<String> storageFlags(Path data) throws IOException {
        if (!"s3".equals(System.getProperty("kiln.test.storage"))) {
            return List.of();
        }
        Path marker = data.resolve(".test-bucket");
        S3Server s3 = S3Server.server();
        if (!Files.exists(marker)) {
            Files.createDirectories(data);
            Files.writeString(marker, s3.freshBucket());
        }
        return s3.serveFlags(Files.readString(marker).strip());
    }

    /** Stored blobs: small ones kept as database rows, the others files under the data directory or objects in the bucket. */
    public long storedBlobs() throws java.sql.SQLException, IOException {
        long rows;
        try (var c = database(); var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM small_blobs")) {
            rs.next();
            rows = rs.getLong(1);
        }
        if (bucket().isPresent()) {
            return rows + S3Server.server().objectCount(bucket().get());
        }
        if (!Files.isDirectory(data.resolve("blobs"))) {
            return rows;
        }
        try (var files = Files.walk(data.resolve("blobs"))) {
            return rows + files.filter(Files::isRegularFile).count();
        }
    }

    /**
     * A secret the server generated for itself ({@code signing.key}, {@code webhook.key}): a file under the
     * data directory, or with a shared database (the cluster run) a row of {@code server_secrets}.
     */
    public String generatedSecret(String name) throws IOException, java.sql.SQLException {
        Path file = data.resolve(name);
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        try (var c = database(); var q = c.prepareStatement("SELECT secret FROM server_secrets WHERE name = ?")) {
            q.setString(1, name);
            try (var rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("the server generated no " + name);
                }
                return rs.getString(1);
            }
        }
    }

    /** The bucket the server's stored files go to, when {@code kiln.test.storage=s3}. */
    public java.util.Optional<String> bucket() {
        try {
            return Files.exists(data.resolve(".test-bucket"))
                    ? java.util.Optional.of(Files.readString(data.resolve(".test-bucket")).strip()) : java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Nothing for embedded H2; with {@code kiln.test.database=postgres}, the data directory's own PostgreSQL database. */
    private static List<String> databaseFlags(Path data) throws IOException {
        if (!"postgres".equals(System.getProperty("kiln.test.database"))) {
            return List.of();
        }
        Path marker = data.resolve(".test-database-url");
        Postgres pg = Postgres.server();
        if (!Files.exists(marker)) {
            Files.createDirectories(data);
            Files.writeString(marker, pg.freshDatabase());
        }
        // a test server without keys on a shared database is anonymous on purpose
        return List.of("--db-url", Files.readString(marker).strip(), "--db-user", pg.user(), "--allow-anonymous");
    }

    /** A connection to the server's own database (embedded H2 is shared within this JVM), for tests that count rows. */
    public java.sql.Connection database() throws java.sql.SQLException {
        try {
            List<String> flags = databaseFlags(data);
            if (!flags.isEmpty()) {
                return java.sql.DriverManager.getConnection(flags.get(1), flags.get(3), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return java.sql.DriverManager.getConnection(
                ConfigLoader.load(new String[] {"--data", data.toString()}, Map.of()).storage().dbUrl());
    }

    /** A pool on the server's own database (embedded H2 is shared within this JVM), for tests that add rows through Kiln's stores. */
    public io.kiln.db.Database openDatabase() {
        try {
            List<String> flags = databaseFlags(data);
            if (!flags.isEmpty()) {
                return io.kiln.db.Database.open(flags.get(1), flags.get(3), "", 2);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var storage = ConfigLoader.load(new String[] {"--data", data.toString()}, Map.of()).storage();
        return io.kiln.db.Database.open(storage.dbUrl(), storage.dbUser(), storage.dbPassword(), 2);
    }

    public static TestServer start(String... args) {
        try {
            return new TestServer(Files.createTempDirectory("kiln-test"), args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A server on an existing data directory (e.g. one prepared with a keys file). */
    public static TestServer startOn(Path data, String... args) {
        try {
            return new TestServer(data, args);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public TestServer withKey(String apiKey) {
        this.key = apiKey;
        return this;
    }

    public Kiln kiln() {
        return kiln;
    }

    public MutableClock clock() {
        return clock;
    }

    public Path data() {
        return data;
    }

    public String base() {
        return "http://127.0.0.1:" + kiln.port();
    }

    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base() + path));
        return key == null ? b : b.header("Authorization", "Bearer " + key);
    }

    public HttpResponse<String> send(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<byte[]> sendForBytes(HttpRequest request) {
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return send(request(path).GET().build());
    }

    public HttpResponse<byte[]> getBytes(String path) {
        return sendForBytes(request(path).GET().build());
    }

    public HttpResponse<String> delete(String path) {
        return send(request(path).DELETE().build());
    }

    public HttpResponse<String> postJson(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public HttpResponse<String> postMultipart(String path, Multipart form) {
        return send(form.into(request(path)).build());
    }

    /** POST /v1/jobs with these files and fields, then long-poll until the job ends; returns the job JSON. */
    public JsonNode convert(Multipart form) {
        HttpResponse<String> created = postMultipart("/v1/jobs", form);
        if (created.statusCode() != 202 && created.statusCode() != 200) {
            throw new AssertionError("job not accepted: " + created.statusCode() + " " + created.body());
        }
        return awaitEnd(json(created).path("id").asText());
    }

    public JsonNode awaitEnd(String id) {
        for (int i = 0; i < 10; i++) {
            JsonNode job = json(get("/v1/jobs/" + id + "?wait=30"));
            if (job.path("status").asText().matches("success|failed|aborted")) {
                return job;
            }
        }
        throw new AssertionError("job " + id + " did not end");
    }

    public static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    /** Stops the server but leaves its data directory, for a test that starts another on it ({@link #startOn}). */
    public void stopKeepingData() {
        kiln.close();
    }

    @Override
    public void close() {
        stopKeepingData();
        try (var walk = Files.walk(data)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort
        }
    }
}
