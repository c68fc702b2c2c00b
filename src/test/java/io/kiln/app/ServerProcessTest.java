package io.kiln.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kiln.testing.Corpus;
import io.kiln.testing.Multipart;
import io.kiln.testing.ServerProcess;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kiln as a real, separate process: what only a process can show — surviving {@code kill -9}, a
 * bounded heap under a 1 GiB upload, refusing a bad configuration with one line, and binding to
 * loopback when no keys exist.
 */
class ServerProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final long GIB = 1L << 30;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    // ---- 1. kill -9 in the middle of a job -------------------------------------------------------

    @Test
    void aJobRunningWhenTheProcessIsKilledFinishesAfterRestartAsDoesOneStillQueued(@TempDir Path data)
            throws Exception {
        // pdf → png of 60 pages of a 350-page book: 4-10 s in a fresh server JVM on 2 busy cores
        Multipart slowForm = Multipart.form().file("file", Corpus.file("pdf/freeculture.pdf"))
                .field("to", "png").field("dpi", "72").field("pages", "1-60");
        Multipart smallForm = Multipart.form().file("file", Corpus.file("pdf/freeculture.pdf"))
                .field("to", "png").field("dpi", "50").field("pages", "1-2");
        String slowId;
        String queuedId;
        // scratch under the data directory, where this test watches the killed run's pages appear
        String scratch = data.resolve("work").toString();
        try (ServerProcess first = ServerProcess.start(data, "--workers", "1", "--scratch", scratch)) {
            slowId = submit(first, slowForm);
            queuedId = submit(first, smallForm);

            await("the 60-page job is working").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> job(first, slowId).path("status").asText(), s -> !s.equals("queued"));
            // kill it mid-conversion: once a few pages are rendered in its scratch directory
            await("the 60-page job has rendered some pages").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> renderedSoFar(data, slowId) >= 3);
            JsonNode beforeKill = job(first, slowId);
            JsonNode queuedBeforeKill = job(first, queuedId);
            long pid = first.pid();
            first.kill();

            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("process %d after kill -9", pid)
                    .isNotEqualTo(Optional.of(true));
            assertThat(first.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
            assertThat(beforeKill.path("status").asText()).as("the slow job just before kill -9 (too fast?)")
                    .isEqualTo("working");
            assertThat(beforeKill.path("attempts").asInt()).isEqualTo(1);
            assertThat(queuedBeforeKill.path("status").asText()).as("with one worker the second job waits")
                    .isEqualTo("queued");
            assertThat(first.log()).as("a SIGKILLed process runs no shutdown hook").doesNotContain("[kiln-shutdown]");
        }

        try (ServerProcess second = ServerProcess.start(data, "--workers", "1", "--scratch", scratch)) {
            JsonNode done = awaitEnd(second, slowId, Duration.ofSeconds(90));
            assertThat(done.path("id").asText()).isEqualTo(slowId);
            assertThat(done.path("status").asText()).as("job after restart: %s", done).isEqualTo("success");
            assertThat(done.path("attempts").asInt()).as("one attempt killed, one finished").isEqualTo(2);
            assertThat(done.path("outputs")).hasSize(60);
            List<String> names = new ArrayList<>();
            done.path("outputs").forEach(o -> {
                assertThat(o.path("ext").asText()).isEqualTo("png");
                names.add(o.path("name").asText());
            });
            assertThat(names).doesNotHaveDuplicates();

            HttpResponse<byte[]> zip = getBytes(second, "/v1/jobs/" + slowId + "/output");
            assertThat(zip.statusCode()).isEqualTo(200);
            List<String> entries = new ArrayList<>();
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    entries.add(e.getName());
                    assertThat(in.readNBytes(PNG_MAGIC.length)).as("entry %s", e.getName()).isEqualTo(PNG_MAGIC);
                }
            }
            assertThat(entries).containsExactlyInAnyOrderElementsOf(names);

            HttpResponse<byte[]> page = getBytes(second, "/v1/jobs/" + slowId + "/output/1");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(Arrays.copyOf(page.body(), PNG_MAGIC.length)).isEqualTo(PNG_MAGIC);
            assertThat(sha256(page.body())).isEqualTo(done.path("outputs").get(0).path("sha256").asText());

            JsonNode queued = awaitEnd(second, queuedId, Duration.ofSeconds(60));
            assertThat(queued.path("status").asText()).as("queued job after restart: %s", queued)
                    .isEqualTo("success");
            assertThat(queued.path("attempts").asInt()).isEqualTo(1);
            assertThat(queued.path("outputs")).hasSize(2);
            assertThat(getBytes(second, "/v1/jobs/" + queuedId + "/output").statusCode()).isEqualTo(200);

            assertThat(scratchDirs(data, slowId)).as("scratch left by the killed attempt").isEmpty();
        }
    }

    /** Scratch directories of {@code jobId}'s runs: named {@code <id>-<run>} in the scratch directory under the data directory. */
    private static List<Path> scratchDirs(Path data, String jobId) throws IOException {
        Path work = data.resolve("work");
        if (!Files.isDirectory(work)) {
            return List.of();
        }
        try (Stream<Path> runs = Files.list(work)) {
            return runs.filter(p -> p.getFileName().toString().startsWith(jobId)).toList();
        }
    }

    /** Pages of {@code jobId} rendered so far, in its scratch directories' {@code out}. */
    private static long renderedSoFar(Path data, String jobId) throws IOException {
        long n = 0;
        for (Path run : scratchDirs(data, jobId)) {
            try (Stream<Path> files = Files.list(run.resolve("out"))) {
                n += files.filter(f -> f.toString().endsWith(".png")).count();
            } catch (NoSuchFileException notYetOrGone) {
                // created or deleted as we look
            }
        }
        return n;
    }

    @Test
    void jobsAcceptedAMomentBeforeAKillAreThereAfterRestart(@TempDir Path data) throws Exception {
        // the database must have written an accepted job before the 202 leaves: no write-behind window
        Multipart slowForm = Multipart.form().file("file", Corpus.file("pdf/freeculture.pdf"))
                .field("to", "png").field("dpi", "72").field("pages", "1-60");
        Multipart form = Multipart.form().file("file", Corpus.file("pdf/minimal-document.pdf")).field("to", "info");
        List<String> accepted = new ArrayList<>();
        try (ServerProcess first = ServerProcess.start(data, "--workers", "1")) {
            submit(first, slowForm); // keeps the one worker busy, so the next ones stay queued
            for (int i = 0; i < 5; i++) {
                accepted.add(submit(first, form));
            }
            first.kill();
            await("the server is gone").atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
        }
        try (ServerProcess second = ServerProcess.start(data, "--workers", "1")) {
            for (String id : accepted) {
                JsonNode done = awaitEnd(second, id, Duration.ofSeconds(90));
                assertThat(done.path("status").asText()).as("job %s accepted just before kill -9: %s", id, done)
                        .isEqualTo("success");
                assertThat(done.path("outputs")).hasSize(1);
            }
        }
    }

    @Test
    void officeAndBrowserProcessesOrphanedByAKillAreClearedAtTheNextStart(@TempDir Path data) throws Exception {
        boolean browsers = Files.isExecutable(Path.of("/usr/bin/chromium"));
        String[] flags = browsers
                ? new String[] {"--office-processes", "1", "--browsers", "1"}
                : new String[] {"--office-processes", "1"};
        List<ProcessHandle> orphans;
        try (ServerProcess first = ServerProcess.start(data, flags)) {
            await("engines ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).until(() -> {
                JsonNode engines = json(http.send(HttpRequest.newBuilder(URI.create(first.base() + "/ready")).build(),
                        HttpResponse.BodyHandlers.ofString())).path("engines");
                return engines.path("libreoffice").path("state").asText().equals("ready")
                        && (!browsers || engines.path("html").path("state").asText().equals("ready"));
            });
            List<ProcessHandle> engines = first.handle().descendants().toList();
            assumeEngines(engines);
            first.kill();
            await("the server is gone").atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
            orphans = engines.stream().filter(ProcessHandle::isAlive).toList();
        }
        assertThat(orphans).as("engine processes outliving a SIGKILLed server").isNotEmpty();

        try (ServerProcess second = ServerProcess.start(data, flags)) {
            await("the orphans are killed").atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(orphans).noneMatch(ProcessHandle::isAlive));
            assertThat(second.log()).contains("left behind by an earlier run");
        } finally {
            orphans.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static void assumeEngines(List<ProcessHandle> engines) {
        Assumptions.assumeTrue(!engines.isEmpty(), "no engine processes started (LibreOffice not installed?)");
    }

    // ---- 2. a 1 GiB upload through a 256 MiB heap ------------------------------------------------

    @Test
    void aOneGibUploadStreamsThroughA256MibHeap(@TempDir Path data) throws Exception {
        try (ServerProcess server = ServerProcess.start(data, List.of("-Xmx256m"), Map.of(),
                "--max-upload", "2g")) {
            Path cmdline = Path.of("/proc", Long.toString(server.pid()), "cmdline");
            if (Files.isReadable(cmdline)) {
                assertThat(Files.readString(cmdline).split("\0")).as("the server JVM's command line")
                        .contains("-Xmx256m");
            }
            // raw body, chunked (no Content-Length)
            Generated raw = new Generated(GIB, true);
            HttpResponse<String> rawUp = http.send(HttpRequest.newBuilder(URI.create(server.base()
                            + "/v1/files?name=big.bin")).timeout(Duration.ofMinutes(3))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> raw)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(rawUp.statusCode()).as("raw upload: %s\n%s", rawUp.body(), tail(server)).isEqualTo(201);
            JsonNode rawFile = json(rawUp);
            assertThat(raw.produced()).isEqualTo(GIB);
            assertThat(rawFile.path("size").asLong()).isEqualTo(GIB);
            String expectedSha = raw.sha256();
            assertThat(rawFile.path("sha256").asText()).isEqualTo(expectedSha);
            assertThat(rawFile.path("name").asText()).isEqualTo("big.bin");
            assertStillServing(server);

            // multipart, streamed: text parts around a generated file part (the same bytes again: their
            // SHA-256 is known, and hashing a second GiB here would only slow the test)
            Generated part = new Generated(GIB, false);
            String boundary = "----kiln" + UUID.randomUUID();
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString("--" + boundary + "\r\nContent-Disposition: form-data;"
                            + " name=\"file\"; filename=\"big-part.bin\"\r\nContent-Type: application/octet-stream"
                            + "\r\n\r\n"),
                    HttpRequest.BodyPublishers.ofInputStream(() -> part),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
            HttpResponse<String> multiUp = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/files"))
                    .timeout(Duration.ofMinutes(3))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(body).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(multiUp.statusCode()).as("multipart upload: %s\n%s", multiUp.body(), tail(server))
                    .isEqualTo(201);
            JsonNode multiFile = json(multiUp);
            assertThat(part.produced()).isEqualTo(GIB);
            assertThat(multiFile.path("size").asLong()).isEqualTo(GIB);
            assertThat(multiFile.path("sha256").asText()).isEqualTo(expectedSha);
            assertThat(multiFile.path("name").asText()).isEqualTo("big-part.bin");
            assertStillServing(server);
            assertThat(server.log()).doesNotContain("OutOfMemoryError");
            await("spooled upload parts are deleted").atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(spooled(data)).isEmpty());
        }
    }

    @Test
    void anUploadOverTheLimitIs413AndTheServerKeepsServing(@TempDir Path data) throws Exception {
        try (ServerProcess server = ServerProcess.start(data, "--max-upload", "10m")) {
            byte[] twentyMb = new byte[20 << 20];
            Arrays.fill(twentyMb, (byte) 'x');

            HttpResponse<String> raw = send(HttpRequest.newBuilder(URI.create(server.base()
                            + "/v1/files?name=big.bin")).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(twentyMb)).build());
            assertProblem(raw, 413, "payload_too_large");
            assertStillServing(server);

            HttpResponse<String> multipart = send(Multipart.form().bytes("file", "big.bin", twentyMb)
                    .into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/files"))
                            .timeout(Duration.ofSeconds(60))).build());
            assertProblem(multipart, 413, "payload_too_large");
            assertStillServing(server);

            // an upload under the limit still works afterwards
            HttpResponse<String> small = http.send(HttpRequest.newBuilder(URI.create(server.base()
                            + "/v1/files?name=small.bin"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1 << 20])).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(small.statusCode()).as(small.body()).isEqualTo(201);
            assertThat(json(small).path("size").asLong()).isEqualTo(1 << 20);
            await("spooled upload parts are deleted").atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(spooled(data)).isEmpty());
        }
    }

    /** Upload temporaries left in the data directory: multipart spool files, partial blobs. */
    private static List<Path> spooled(Path data) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path dir : List.of(data.resolve("uploads"), data.resolve("blobs"))) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile)
                            .filter(f -> dir.endsWith("uploads") || f.getFileName().toString().endsWith(".part"))
                            .forEach(found::add);
                }
            }
        }
        return found;
    }

    private static void assertProblem(HttpResponse<String> r, int status, String code) {
        assertThat(r.statusCode()).as("status; body: %s", r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json(r).path("code").asText()).isEqualTo(code);
    }

    private HttpResponse<String> send(HttpRequest request) throws Exception {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertStillServing(ServerProcess server) throws Exception {
        assertThat(server.isAlive()).as("server process alive; log:\n%s", tail(server)).isTrue();
        assertThat(server.healthStatus()).isEqualTo(200);
    }

    /**
     * A {@code %PDF} header then filler, {@code size} bytes in all, generated as read and hashed on the
     * way; never held in memory.
     */
    static final class Generated extends InputStream {

        private static final byte[] HEADER = "%PDF-1.7\n%filler follows\n".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        private final MessageDigest sha;
        private final byte[] block = new byte[64 << 10];
        private long pos;

        /** @param hashed whether to compute the SHA-256 (it costs seconds per GiB on a small machine) */
        Generated(long size, boolean hashed) {
            this.size = size;
            this.sha = hashed ? newSha256() : null;
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) ('a' + i % 26);
            }
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - pos);
            for (int done = 0; done < n; ) {
                long p = pos + done;
                int chunk;
                if (p < HEADER.length) {
                    chunk = Math.min(n - done, HEADER.length - (int) p);
                    System.arraycopy(HEADER, (int) p, b, off + done, chunk);
                } else {
                    int at = (int) (p % block.length);
                    chunk = Math.min(n - done, block.length - at);
                    System.arraycopy(block, at, b, off + done, chunk);
                }
                done += chunk;
            }
            if (sha != null) {
                sha.update(b, off, n);
            }
            pos += n;
            return n;
        }

        long produced() {
            return pos;
        }

        String sha256() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    // ---- 3. bad configuration -------------------------------------------------------------------

    @Test
    void aBadFlagStopsTheStartWithOneLineNamingIt(@TempDir Path dir) {
        ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60),
                "serve", "--port", "abc", "--data", dir.resolve("data").toString());
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).as("stderr").matches("[^\\r\\n]+\\R?").contains("--port").contains("abc");
        assertThat(dir.resolve("data")).as("nothing is created before the configuration is valid").doesNotExist();
    }

    @Test
    void aBadEnvironmentValueStopsTheStartWithOneLineNamingIt(@TempDir Path dir) {
        ServerProcess.Result r = ServerProcess.run(dir, Map.of("KILN_JOB_TTL", "soon"), Duration.ofSeconds(60),
                "serve", "--port", "0", "--data", dir.resolve("data").toString());
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).as("stderr").matches("[^\\r\\n]+\\R?").contains("KILN_JOB_TTL").contains("soon");
    }

    // ---- 4. no keys: loopback only, unless anonymous on purpose ------------------------------------

    @Test
    void aPublicBindWithoutKeysRefusesToStartNamingTheFlagThatAllowsIt(@TempDir Path dir) {
        ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60),
                "serve", "--port", "0", "--bind", "0.0.0.0", "--data", dir.resolve("data").toString());
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(2);
        assertThat(r.stderr()).as("stderr").matches("[^\\r\\n]+\\R?").contains("--bind 0.0.0.0")
                .contains("--allow-anonymous").contains("kiln keys create");
    }

    @Test
    void aPublicBindWithAllowAnonymousServesOnEveryAddress(@TempDir Path data) throws Exception {
        Optional<InetAddress> external = nonLoopbackAddress();
        Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
        try (ServerProcess server = ServerProcess.start(data, "--bind", "0.0.0.0", "--allow-anonymous")) {
            assertThat(server.log()).contains("--allow-anonymous").contains("Kiln listening on http://0.0.0.0:");
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(external.get(), server.port()), 3000);
                assertThat(s.isConnected()).isTrue();
            }
        }
    }

    @Test
    void aPortAlreadyTakenStopsTheStartWithOneLineAndNothingLeftRunning(@TempDir Path dir) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(60), "serve",
                    "--port", Integer.toString(taken.getLocalPort()), "--data", dir.resolve("data").toString(),
                    "--office-processes", "0", "--browsers", "0");
            assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(1);
            List<String> lines = r.stderr().strip().lines().toList();
            assertThat(lines.getLast()).as("the last line of stderr: %s", r.stderr())
                    .startsWith("kiln: cannot listen on 127.0.0.1:" + taken.getLocalPort());
            assertThat(r.stderr()).as("no stack trace").doesNotContain("\tat ");
            assertThat(r.stdout()).as("nothing started before the port was had").doesNotContain("workers started");
        }
    }

    @Test
    void aDatabaseThatNeverAnswersStopsTheStartWithOneLineAfterTheWait(@TempDir Path dir) throws Exception {
        int closed = ServerProcess.freePort(); // nothing listens there
        ServerProcess.Result r = ServerProcess.run(dir, Map.of(), Duration.ofSeconds(90), "serve",
                "--port", "0", "--data", dir.resolve("data").toString(), "--office-processes", "0", "--browsers", "0",
                "--db-url", "jdbc:postgresql://127.0.0.1:" + closed + "/kiln", "--db-wait", "3s", "--allow-anonymous");
        assertThat(r.exitCode()).as("exit code; stderr: %s", r.stderr()).isEqualTo(1);
        String last = r.stderr().strip().lines().toList().getLast();
        assertThat(last).as("the last line of stderr: %s", r.stderr()).startsWith("kiln: ").contains("database")
                .contains("waited 3 s");
        assertThat(r.stderr()).as("no stack trace").doesNotContain("\tat ");
    }

    @Test
    void withoutKeysItListensOnLoopbackOnlyAndSaysSo(@TempDir Path data) throws Exception {
        try (ServerProcess server = ServerProcess.start(data)) {
            assertThat(Files.exists(data.resolve("keys"))).isFalse();
            String log = server.log();
            assertThat(log).as("start log").containsIgnoringCase("loopback only");
            assertThat(log).contains("Kiln listening on http://127.0.0.1:" + server.port());
            assertThat(server.healthStatus()).isEqualTo(200);

            Optional<InetAddress> external = nonLoopbackAddress();
            Assumptions.assumeTrue(external.isPresent(), "this machine has no non-loopback address");
            InetAddress address = external.get();
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(address, server.port()), 3000);
                }
            }).as("connecting to %s:%d", address.getHostAddress(), server.port())
                    .isInstanceOf(ConnectException.class);
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        List<InetAddress> found = new ArrayList<>();
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (!a.isLoopbackAddress() && !a.isLinkLocalAddress() && !a.isAnyLocalAddress()) {
                    found.add(a);
                }
            }
        }
        // prefer IPv4: 0.0.0.0 would not cover an IPv6 address, so it tells less
        return found.stream().filter(a -> a instanceof Inet4Address).findFirst()
                .or(() -> found.stream().filter(a -> a instanceof Inet6Address).findFirst());
    }

    // ---- helpers --------------------------------------------------------------------------------

    private String submit(ServerProcess server, Multipart form) throws Exception {
        HttpResponse<String> r = http.send(form.into(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("submit: %s", r.body()).isEqualTo(202);
        return json(r).path("id").asText();
    }

    private JsonNode job(ServerProcess server, String id) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.base() + "/v1/jobs/" + id))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET job %s: %s", id, r.body()).isEqualTo(200);
        return json(r);
    }

    private JsonNode awaitEnd(ServerProcess server, String id, Duration atMost) throws Exception {
        return await("job " + id + " ends").atMost(atMost).pollInterval(Duration.ofMillis(10))
                .until(() -> {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(server.base()
                            + "/v1/jobs/" + id + "?wait=10")).GET().build(), HttpResponse.BodyHandlers.ofString());
                    assertThat(r.statusCode()).as("GET job %s: %s", id, r.body()).isEqualTo(200);
                    return json(r);
                }, j -> j.path("status").asText().matches("success|failed|aborted"));
    }

    private HttpResponse<byte[]> getBytes(ServerProcess server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static JsonNode json(HttpResponse<String> r) {
        try {
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (" + r.statusCode() + "): " + r.body(), e);
        }
    }

    private static String tail(ServerProcess server) {
        String log = server.log();
        return log.length() > 4000 ? "…" + log.substring(log.length() - 4000) : log;
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
